// startEmulator(): a local Okta-compatible identity provider on 127.0.0.1, for tests, the demo and the CLI.
import type { AddressInfo } from 'node:net';
import { createEmulatorServer } from './server.js';
import { createRouter } from './routes/index.js';
import { EmulatorState, ORG_SERVER_KEY } from './state/emulator-state.js';
import { createStateSaver, loadOrCreateKeys, readState, restoreStore } from './state/persistence.js';
import { DEFAULT_SCENARIO, mergeScenario } from './state/scenario.js';
import { loadSeedInput, resolveSeed } from './state/seed.js';
import type { EmulatorHandle, StartEmulatorOptions } from './types.js';

export type * from './types.js';
export { DEFAULT_SEED, DEMO } from './state/seed.js';
export { DEMO_MANAGEMENT_CLIENT_ID, DEMO_MANAGEMENT_PRIVATE_JWK, DEMO_MANAGEMENT_SCOPES } from './state/demo-management-key.js';
export { useOktaEmulator, type EmulatorWebServer, type OktaEmulatorChoice, type UseOktaEmulatorOptions } from './use-emulator.js';

export const EMULATOR_DEFAULT_PORT = 9400;

export async function startEmulator(options: StartEmulatorOptions = {}): Promise<EmulatorHandle> {
  const seed = resolveSeed(loadSeedInput(options.seed));
  // The seed says which engine the org runs and its app policies; the scenario option overrides them.
  const seeded = mergeScenario(DEFAULT_SCENARIO, { engine: seed.engine, appPolicies: seed.appPolicies });
  const scenario = mergeScenario(seeded, options.scenario ?? {});
  const serverIds = [ORG_SERVER_KEY, ...seed.authorizationServers.map((server) => server.id)];
  const saved = options.stateFile ? readState(options.stateFile) : undefined;
  const loaded = loadOrCreateKeys(serverIds, saved);
  const state = new EmulatorState(seed, scenario, loaded.keys, loaded.stray);
  if (saved) restoreStore(state.store, saved);
  const saver = options.stateFile ? createStateSaver(options.stateFile, loaded, state.store) : undefined;

  // Loaded only for HTTPS: the X.509 library is not needed otherwise.
  const tls = options.https ? await (await import('./tls/local-ca.js')).localTls(options.caDir) : undefined;
  const server = createEmulatorServer(state, createRouter(), tls);
  if (saver) {
    server.on('request', (_req, res) => res.once('finish', saver.schedule));
    await saver.flush();
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  state.orgUrl = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      // Resolved after one more poll phase of the event loop (a nested setImmediate), so that a client in
      // this process (a test that restarts the emulator on the same port) has read the end of its
      // kept-alive sockets and will not send its next request down one of them.
      server.close(() => setImmediate(() => setImmediate(resolve)));
      server.closeAllConnections();
    }).then(() => saver?.flush());
    return closing;
  };

  return {
    port,
    orgUrl: state.orgUrl,
    issuer: `${state.orgUrl}/oauth2/default`,
    ...(tls ? { caFile: tls.caFile } : {}),
    stats: () => state.statsObject(),
    audit: () => state.store.audit.snapshot(),
    setScenario: (change) => state.setScenario(change),
    addFault: (fault) => state.addFault(fault),
    clearFaults: () => state.clearFaults(),
    reset: () => state.reset(),
    close,
    [Symbol.asyncDispose]: close,
  };
}

#!/usr/bin/env node
// `npx okta-emulator [--port N] [--seed FILE] [--state FILE] [--client …] [--user …] [--https [--ca-dir DIR]]`:
// run the emulator until SIGINT/SIGTERM. Flags are parsed in args.ts; this file prints, starts and stops.
import { EMULATOR_DEFAULT_PORT, startEmulator } from '../index.js';
import { loadSeedInput } from '../state/seed.js';
import { parseArgs, seedWithFlags, USAGE, type CliOptions } from './args.js';

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    const parsed = parseArgs(process.argv.slice(2), EMULATOR_DEFAULT_PORT);
    if (parsed === 'help') {
      console.log(USAGE);
      process.exit(0);
    }
    options = parsed;
  } catch (error) {
    console.error(`okta emulator: ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  let emulator;
  try {
    const seed = options.clients.length || options.users.length ? seedWithFlags(loadSeedInput(options.seed), options) : options.seed;
    emulator = await startEmulator({
      port: options.port,
      seed,
      stateFile: options.stateFile,
      https: options.https,
      ...(options.caDir ? { caDir: options.caDir } : {}),
    });
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    const reason = err.code === 'EADDRINUSE' ? `port ${options.port} is already in use (choose another with --port)` : err.message;
    console.error(`okta emulator: cannot start: ${reason}`);
    process.exit(1);
  }
  console.log(`okta emulator: issuer ${emulator.issuer} (org ${emulator.orgUrl})`);
  for (const client of options.clients) {
    const kind = client.clientSecret ? 'confidential, client_secret_basic or _post' : 'public, PKCE';
    console.log(`okta emulator: client ${client.clientId} (${kind}) redirects to ${client.redirectUris.join(', ')}`);
  }
  for (const user of options.users) console.log(`okta emulator: user ${user.login} (assigned to every client)`);
  if (emulator.caFile) {
    console.log(`okta emulator: HTTPS with a certificate for 127.0.0.1 and localhost, signed by the local CA ${emulator.caFile}`);
    console.log(`okta emulator: Node apps, okta-token and Playwright's process: NODE_EXTRA_CA_CERTS=${emulator.caFile} (set before they start)`);
    console.log('okta emulator: Playwright browsers and request contexts: use: { ignoreHTTPSErrors: true } (or trust the CA in the browser)');
  }
  // `on`, not `once`: a wrapper (npx, tsx) may relay the same signal again while we are closing.
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    emulator.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();

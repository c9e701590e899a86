// Our cold login: the engine's whole acquisition (discovery, authn, authorize with PKCE, token, JWKS,
// validation, lock, cache write) into a cache directory nobody has used, then the storageState a browser
// test would start with.
import { acquireTokens, loadConfig } from '../src/engine/index.js';
import { serverSessionStorageState, spaStorageState, type StorageState } from '../src/playwright/index.js';

export type HeadlessKind = 'spa' | 'server-session';

export async function headlessLogin(env: Record<string, string>, role: string, kind: HeadlessKind): Promise<StorageState> {
  const config = loadConfig(env);
  const { tokens, source } = await acquireTokens(config, role, { fresh: true, warn: () => {} });
  if (source !== 'login') throw new Error(`headless: expected a login, got ${source}`);
  const appBaseUrl = config.appBaseUrl!;
  return kind === 'spa' ? spaStorageState(tokens, appBaseUrl) : serverSessionStorageState(tokens, { appBaseUrl, loginPath: '/login' });
}

// One emulator and one demo app per spec file. The app runs on a free port P (3000 belongs to the embedded
// default run), so the emulator's seed re-registers the demo clients with redirect URIs on localhost:P.
import { startDemoApp, type DemoAppHandle } from '../../demo-app/server.js';
import { startEmulator } from '../../src/emulator/index.js';
import type { EmulatorHandle, Scenario, SeedInput } from '../../src/emulator/types.js';
import { freePort } from '../support/free-port.js';
import { DEMO_PASSWORD, getTokens, type TokenResult } from './get-token.js';

export const SPA_CLIENT_ID = 'demo-spa';
export const WEB_CLIENT_ID = 'demo-web';

export interface DemoStack {
  emulator: EmulatorHandle;
  app: DemoAppHandle;
  /** `http://localhost:P`: the app as browsers see it. */
  appUrl: string;
  /** The SPA's registered redirect URI on this port. */
  spaRedirectUri: string;
  close(): Promise<void>;
}

/** `users` are added to the default seed's (the bench signs in a third role). */
export async function startDemoStack(scenario?: Partial<Scenario>, users?: SeedInput['users'], options: DemoSeedOptions = {}): Promise<DemoStack> {
  const port = await freePort();
  const appUrl = `http://localhost:${port}`;
  const seed = { ...demoSeed(appUrl, options), ...(users ? { users } : {}) };
  const emulator = await startEmulator({ port: 0, seed, ...(scenario ? { scenario } : {}) });
  let app: DemoAppHandle;
  try {
    app = await startDemoApp({ port, issuer: emulator.issuer, appBaseUrl: appUrl });
  } catch (err) {
    await emulator.close();
    throw err;
  }
  return {
    emulator,
    app,
    appUrl,
    spaRedirectUri: `${appUrl}/login/callback`,
    close: async () => {
      await app.close();
      await emulator.close();
    },
  };
}

export interface DemoSeedOptions {
  /**
   * The SPA client also has the Interaction Code grant, so that `auto` signs in through IDX on an Identity
   * Engine scenario. Off by default: like an app on an upgraded org, it then falls back to authn.
   */
  interactionCode?: boolean;
}

/** The default seed's demo clients, moved to the app's port. Users and servers stay the default's. */
export function demoSeed(appUrl: string, options: DemoSeedOptions = {}): SeedInput {
  return {
    clients: [
      {
        clientId: SPA_CLIENT_ID,
        ...(options.interactionCode ? { grantTypes: ['authorization_code', 'refresh_token', 'implicit', 'interaction_code'] } : {}),
        redirectUris: [`${appUrl}/login/callback`],
        postLogoutRedirectUris: [`${appUrl}/`],
      },
      {
        clientId: WEB_CLIENT_ID,
        clientSecret: 'demo-web-secret',
        redirectUris: [`${appUrl}/authorization-code/callback`],
        postLogoutRedirectUris: [`${appUrl}/`],
      },
    ],
    trustedOrigins: [appUrl],
  };
}

/** The engine's configuration for this stack: the SPA client, admin = alice and user = bob, a cache dir. */
export function stackOktaEnv(stack: DemoStack, cacheDir: string): Record<string, string> {
  return {
    OKTA_ISSUER: stack.emulator.issuer,
    OKTA_CLIENT_ID: SPA_CLIENT_ID,
    OKTA_REDIRECT_URI: stack.spaRedirectUri,
    OKTA_ROLES: 'admin,user',
    OKTA_ADMIN_USERNAME: 'alice@example.com',
    OKTA_ADMIN_PASSWORD: DEMO_PASSWORD,
    OKTA_USER_USERNAME: 'bob@example.com',
    OKTA_USER_PASSWORD: DEMO_PASSWORD,
    OKTA_CACHE_DIR: cacheDir,
    APP_BASE_URL: stack.appUrl,
  };
}

/** A real login of `username` as the SPA client on this stack (plain fetch, not the engine). */
export function spaTokens(stack: DemoStack, username: string): Promise<TokenResult> {
  return getTokens({
    orgUrl: stack.emulator.orgUrl,
    issuer: stack.emulator.issuer,
    clientId: SPA_CLIENT_ID,
    redirectUri: stack.spaRedirectUri,
    username,
  });
}

// The three kinds of signed-in browser state, all built from one login per identity:
//   spa             okta-auth-js's `okta-token-storage` in the app origin's localStorage;
//   server-session  the app's own session cookie, got by walking the app's login redirect chain headlessly
//                   with the Okta session (`sid`) of the login, the way a browser would, minus the browser;
//   okta-session    only Okta's session cookies, for apps that bounce through Okta and come back alone.
import { request } from '@playwright/test';
import type { SessionCookie, TokenRecord } from '../engine/index.js';
import { OKTA_TOKEN_STORAGE_KEY, oktaTokenStorage } from './okta-token-storage.js';

export type OktaStorageKind = 'none' | 'spa' | 'server-session' | 'okta-session';
/** Playwright's storageState shape; its cookies are exactly the engine's session cookies. */
export type StorageState = {
  cookies: SessionCookie[];
  origins: Array<{ origin: string; localStorage: Array<{ name: string; value: string }> }>;
};

export function spaStorageState(tokens: TokenRecord, appBaseUrl: string): StorageState {
  const value = JSON.stringify(oktaTokenStorage(tokens));
  return { cookies: [], origins: [{ origin: new URL(appBaseUrl).origin, localStorage: [{ name: OKTA_TOKEN_STORAGE_KEY, value }] }] };
}

export function oktaSessionStorageState(tokens: TokenRecord): StorageState {
  const cookies = tokens.oktaSession?.cookies ?? [];
  if (!cookies.length) {
    throw new Error(
      `No Okta session was kept from the login of role "${tokens.role}" (a service identity has none). ` +
        'Recommended fix: use a user identity for the okta-session and server-session storage kinds.',
    );
  }
  return { cookies: cookies.map((cookie) => ({ ...cookie })), origins: [] };
}

/** The app's login chain ended on Okta's sign-in page: the Okta session (`sid`) of the login is gone. */
export class OktaSessionEnded extends Error {}

export async function serverSessionStorageState(
  tokens: TokenRecord,
  options: { appBaseUrl: string; loginPath: string },
): Promise<StorageState> {
  const loginUrl = new URL(options.loginPath, options.appBaseUrl);
  const context = await request.newContext({ storageState: oktaSessionStorageState(tokens) });
  try {
    // Redirects are followed and cookies kept per domain: app /login → Okta /authorize (signed in by the
    // sid) → app callback → the app sets its session cookie and sends us on.
    const response = await context.get(loginUrl.href, { maxRedirects: 20 });
    const landed = new URL(response.url());
    if (landed.pathname.startsWith('/login/login.htm')) {
      throw new OktaSessionEnded(`The Okta session of role "${tokens.role}" has ended; the app's login asked for a password.`);
    }
    if (landed.origin !== loginUrl.origin || response.status() >= 400) {
      throw new Error(
        `The app's login at ${loginUrl.href} did not complete for role "${tokens.role}": it ended at ` +
          `${landed.origin}${landed.pathname} with status ${response.status()}. Recommended fix: check ` +
          'oktaAppLoginPath and that the app trusts the same Okta org and lets this user in.',
      );
    }
    return (await context.storageState()) as StorageState;
  } finally {
    await context.dispose();
  }
}

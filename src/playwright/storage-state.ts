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
      `No Okta session was kept from the login of role "${tokens.role}" (a service identity has none, and Direct Authentication, OKTA_LOGIN_FLOW=direct, keeps none). ` +
        'Recommended fix: for the okta-session and server-session storage kinds use a user identity signed in through authn or idx (OKTA_LOGIN_FLOW=auto).',
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
    const response = await context.get(loginUrl.href, { maxRedirects: 20 }).catch((error: unknown) => {
      throw appUnreachable(error, loginUrl, options.appBaseUrl, tokens.role);
    });
    const landed = new URL(response.url());
    if (landed.pathname.startsWith('/login/login.htm')) {
      throw new OktaSessionEnded(`The Okta session of role "${tokens.role}" has ended; the app's login asked for a password.`);
    }
    const where = `${landed.origin}${landed.pathname}`;
    if (landed.origin !== loginUrl.origin && response.status() === 400) {
      // Okta's error page: it names what Okta refused (an unregistered redirect URI, an unknown client).
      const page = oktaErrorPage(await response.text().catch(() => ''));
      throw new Error(
        `The app's login at ${loginUrl.href} did not complete for role "${tokens.role}": Okta answered its ` +
          `/authorize with its error page (HTTP 400 at ${where})${page ? `: ${page}` : ''}. Recommended fix: ` +
          (page && /redirect_uri/i.test(page)
            ? "register the app's redirect URI (the one it sends, under its own origin) as a Sign-in redirect URI of the app's Okta client."
            : "check the app's Okta client id and redirect URI against the app's registration in Okta."),
      );
    }
    if (landed.origin !== loginUrl.origin || response.status() >= 400) {
      throw new Error(
        `The app's login at ${loginUrl.href} did not complete for role "${tokens.role}": it ended at ` +
          `${where} with status ${response.status()}. Recommended fix: check ` +
          'oktaAppLoginPath and that the app trusts the same Okta org and lets this user in.',
      );
    }
    return (await context.storageState()) as StorageState;
  } finally {
    await context.dispose();
  }
}

/** "invalid_request: The 'redirect_uri' parameter must be …", from the text of Okta's 400 page (real or emulated). */
export function oktaErrorPage(html: string): string | undefined {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  const text = html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (entity, name: string) =>
      name[0] === '#' ? String.fromCodePoint(parseInt(name.slice(name[1] === 'x' || name[1] === 'X' ? 2 : 1), name[1]?.toLowerCase() === 'x' ? 16 : 10) || 0xfffd) : (named[name.toLowerCase()] ?? entity));
  const code = /Error Code:\s*(\S+)/.exec(text)?.[1];
  const description = /Description:\s*([^\n]*?)\s*(?:\n|Go to Homepage|$)/.exec(text)?.[1]?.replace(/\s+/g, ' ').trim();
  if (!code && !description) return undefined;
  return [code, description && `"${description}"`].filter(Boolean).join(': ');
}

function appUnreachable(error: unknown, loginUrl: URL, appBaseUrl: string, role: string): unknown {
  const port = loginUrl.port || (loginUrl.protocol === 'https:' ? '443' : '80');
  // Only a failure to reach the app itself: Okta's leg of the walk failing says so in its own words.
  if (!(error instanceof Error) || !/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ECONNRESET/.test(error.message) || !(error.message.includes(`:${port}`) || error.message.includes(`ENOTFOUND ${loginUrl.hostname}`))) return error;
  const reason = /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ECONNRESET/.exec(error.message)![0];
  return new Error(
    `The app did not answer at ${loginUrl.href} (${reason}) while making the server-session storageState for role "${role}". ` +
      `Is your app running at APP_BASE_URL (${appBaseUrl})? Start it first, or let Playwright start it with \`webServer\`.`,
  );
}

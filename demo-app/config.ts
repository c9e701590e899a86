// The demo app's configuration: the options startDemoApp() takes, their defaults (the emulator's seed), and
// how the CLI reads them from the environment. Nothing here talks to the network.

/** The app's session cookie. storageState code that saves a signed-in server session looks for this name. */
export const DEMO_SESSION_COOKIE = 'demo.sid';

import { DEMO, EMULATOR_DEFAULT_PORT } from '../src/emulator/index.js';

/** The local emulator's issuer on its default port: what the app trusts when OKTA_ISSUER is unset. */
export const EMULATOR_ISSUER = `http://127.0.0.1:${EMULATOR_DEFAULT_PORT}/oauth2/default`;

export interface DemoAppOptions {
  /** 0 lets the OS choose; the handle tells which. Always bound to 127.0.0.1. */
  port?: number;
  issuer: string;
  /** Public PKCE client of the SPA. Default `demo-spa`. */
  spaClientId?: string;
  /** Confidential client of the server-session site. Default `demo-web`. */
  webClientId?: string;
  /** Default `demo-web-secret`, the emulator seed's demo-only secret. */
  webClientSecret?: string;
  /** The access token audience the bearer API demands. Default `api://default`. */
  audience?: string;
  /** Where browsers reach the app; redirect URIs are built from it. Default `http://localhost:{port}`. */
  appBaseUrl?: string;
  /**
   * How long to keep retrying while the issuer refuses connections (it may be starting beside us, as with
   * two webServers or two terminals). Default 15000 ms; 0 fails at once.
   */
  issuerWaitMs?: number;
}

/** The options with every default filled in, once the port is known. */
export interface DemoAppConfig {
  port: number;
  issuer: string;
  spaClientId: string;
  webClientId: string;
  webClientSecret: string;
  audience: string;
  appBaseUrl: string;
  issuerWaitMs: number;
  /** Okta's SDKs refuse http issuers unless told this is a test; only a loopback issuer gets that pass. */
  insecureIssuer: boolean;
}

export function resolveConfig(options: DemoAppOptions, port: number): DemoAppConfig {
  if (!options.issuer) throw new TypeError('startDemoApp: `issuer` is required (e.g. http://127.0.0.1:9400/oauth2/default).');
  const issuer = options.issuer.replace(/\/+$/, '');
  const appBaseUrl = (options.appBaseUrl ?? `http://localhost:${port}`).replace(/\/+$/, '');
  return {
    port,
    issuer,
    spaClientId: options.spaClientId ?? DEMO.spaClientId,
    webClientId: options.webClientId ?? DEMO.webClientId,
    webClientSecret: options.webClientSecret ?? DEMO.webClientSecret,
    audience: options.audience ?? DEMO.audience,
    appBaseUrl,
    issuerWaitMs: options.issuerWaitMs ?? 15_000,
    insecureIssuer: isLoopbackHttp(issuer),
  };
}

/** True for `http://127.0.0.1…`, `http://localhost…` and `http://[::1]…`: the only http issuers we accept. */
export function isLoopbackHttp(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
}

/** The CLI's options: `APP_PORT`, `OKTA_ISSUER`, `DEMO_SPA_CLIENT_ID`, `DEMO_WEB_CLIENT_ID`, … */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): DemoAppOptions & { port: number } {
  const port = env.APP_PORT ? Number(env.APP_PORT) : 3000;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TypeError(`APP_PORT must be a port number (0-65535); it is "${env.APP_PORT}".`);
  }
  return {
    port,
    issuer: env.OKTA_ISSUER || EMULATOR_ISSUER,
    spaClientId: env.DEMO_SPA_CLIENT_ID || undefined,
    webClientId: env.DEMO_WEB_CLIENT_ID || undefined,
    webClientSecret: env.DEMO_WEB_CLIENT_SECRET || undefined,
    audience: env.OKTA_AUDIENCE || undefined,
  };
}

/**
 * Runs an SDK constructor given `testing.disableHttpsCheck` without its console warning: we grant the pass
 * only to loopback issuers, so the warning would say nothing on every start but clutter test output.
 */
export function withoutHttpsCheckWarning<T>(construct: () => T): T {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('Warning: HTTPS check is disabled')) return;
    warn(...args);
  };
  try {
    return construct();
  } finally {
    console.warn = warn;
  }
}

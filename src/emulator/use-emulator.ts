// useOktaEmulator(): the emulator chosen on purpose, from a playwright.config.ts. It points the engine at
// the emulator (the OKTA_* variables below, set in this process, so global setup and every worker see
// them) and returns the `webServer` entry that starts it. Without this call (or OKTA_ISSUER) the engine
// refuses to guess an IdP: a missing .env must never send a password anywhere.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO } from './state/seed.js';
import { defaultCaDir } from './tls/local-ca.js';

export interface UseOktaEmulatorOptions {
  /** Default 9400. */
  port?: number;
  /** Keep keys, sessions and refresh tokens here across restarts, so tokens cached by an earlier run stay valid. */
  stateFile?: string;
  /** A JSON seed file that adds users and clients to the demo seed (see the README's "Your own clients"). */
  seed?: string;
  /** The client the engine signs in with. Default `demo-spa`, the demo seed's public PKCE client. */
  clientId?: string;
  /** Its registered redirect URI. Default the demo client's `http://localhost:3000/login/callback`. */
  redirectUri?: string;
  /** Reuse an emulator that is already listening (Playwright's `reuseExistingServer`). Default: not on CI. */
  reuseExistingServer?: boolean;
  /** Your own clients, in okta-emulator's `--client` syntax: `'my-spa:http://localhost:5173/login/callback'`
   * (public, PKCE) or `'my-web:SECRET@http://localhost:8080/authorization-code/callback'` (confidential). */
  clients?: string[];
  /**
   * Serve HTTPS (issuer `https://127.0.0.1:{port}/oauth2/default`) with a certificate signed by a local CA
   * kept in `caDir`, for apps whose Okta SDKs refuse an http issuer. This sets NODE_EXTRA_CA_CERTS to the
   * CA's file in this process, so every process Playwright starts afterwards trusts it: the workers, and
   * the `webServer` commands listed after this entry (your app: put the emulator's entry first). The
   * engine's logins in this process (global setup) trust it too. What you still set yourself:
   * `use: { ignoreHTTPSErrors: true }` for browser pages and request contexts that visit the emulator (or
   * trust the CA in the browser), and NODE_EXTRA_CA_CERTS for processes Playwright does not start (an app
   * you run yourself, `npx okta-token`). A NODE_EXTRA_CA_CERTS you already set (a corporate CA) is left
   * alone: append the emulator's CA file to that bundle.
   */
  https?: boolean;
  /** Where the local CA is kept. Default `~/.cache/playwright-okta/emulator-ca` (`$XDG_CACHE_HOME` first). */
  caDir?: string;
}

/** A Playwright `webServer` entry (structurally; this package does not import Playwright here). */
export interface EmulatorWebServer {
  command: string;
  url: string;
  name: string;
  reuseExistingServer: boolean;
  gracefulShutdown: { signal: 'SIGTERM'; timeout: number };
  /** With `https`: the readiness check accepts the local CA's certificate. */
  ignoreHTTPSErrors?: boolean;
}

export interface OktaEmulatorChoice {
  issuer: string;
  /** What was set in process.env (demo values only, published in the README). */
  env: Record<string, string>;
  webServer: EmulatorWebServer;
  /** With `https`: the local CA's certificate (it exists once the emulator has started). */
  caFile?: string;
}

const BIN = fileURLToPath(new URL('./bin/okta-emulator.js', import.meta.url));

export function useOktaEmulator(options: UseOktaEmulatorOptions = {}): OktaEmulatorChoice {
  const port = options.port ?? 9400;
  const caDir = options.https ? path.resolve(options.caDir ?? defaultCaDir()) : undefined;
  const caFile = caDir ? path.join(caDir, 'ca.pem') : undefined;
  const issuer = `${caDir ? 'https' : 'http'}://127.0.0.1:${port}/oauth2/default`;
  const env: Record<string, string> = {
    OKTA_ISSUER: issuer,
    OKTA_CLIENT_ID: options.clientId ?? DEMO.spaClientId,
    OKTA_REDIRECT_URI: options.redirectUri ?? `${DEMO.appOrigin}${DEMO.spaRedirectPath}`,
  };
  // The demo identities, unless the project configures its own (seeded through `seed`).
  if (!process.env.OKTA_USERNAME && !process.env.OKTA_ROLES) {
    env.OKTA_ROLES = Object.keys(DEMO.roles).join(',');
    for (const [role, login] of Object.entries(DEMO.roles)) {
      env[`OKTA_${role.toUpperCase()}_USERNAME`] = login;
      env[`OKTA_${role.toUpperCase()}_PASSWORD`] = DEMO.password;
    }
  }
  if (caFile && !process.env.NODE_EXTRA_CA_CERTS) env.NODE_EXTRA_CA_CERTS = caFile;
  Object.assign(process.env, env);

  const args = ['--port', String(port)];
  if (options.stateFile) args.push('--state', options.stateFile);
  if (options.seed) args.push('--seed', options.seed);
  for (const client of options.clients ?? []) args.push('--client', client);
  if (caDir) args.push('--https', '--ca-dir', caDir);
  return {
    issuer,
    env,
    webServer: {
      command: [process.execPath, BIN, ...args].map((arg) => JSON.stringify(arg)).join(' '),
      url: `${issuer}/.well-known/openid-configuration`,
      name: 'okta emulator',
      reuseExistingServer: options.reuseExistingServer ?? !process.env.CI,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5000 },
      ...(caDir ? { ignoreHTTPSErrors: true } : {}),
    },
    ...(caFile ? { caFile } : {}),
  };
}

// useOktaEmulator(): the emulator chosen on purpose, from a playwright.config.ts. It points the engine at
// the emulator (the OKTA_* variables below, set in this process, so global setup and every worker see
// them) and returns the `webServer` entry that starts it. Without this call (or OKTA_ISSUER) the engine
// refuses to guess an IdP: a missing .env must never send a password anywhere.
import { fileURLToPath } from 'node:url';
import { DEMO } from './state/seed.js';

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
}

/** A Playwright `webServer` entry (structurally; this package does not import Playwright here). */
export interface EmulatorWebServer {
  command: string;
  url: string;
  name: string;
  reuseExistingServer: boolean;
  gracefulShutdown: { signal: 'SIGTERM'; timeout: number };
}

export interface OktaEmulatorChoice {
  issuer: string;
  /** What was set in process.env (demo values only, published in the README). */
  env: Record<string, string>;
  webServer: EmulatorWebServer;
}

const BIN = fileURLToPath(new URL('./bin/okta-emulator.js', import.meta.url));

export function useOktaEmulator(options: UseOktaEmulatorOptions = {}): OktaEmulatorChoice {
  const port = options.port ?? 9400;
  const issuer = `http://127.0.0.1:${port}/oauth2/default`;
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
  Object.assign(process.env, env);

  const args = ['--port', String(port)];
  if (options.stateFile) args.push('--state', options.stateFile);
  if (options.seed) args.push('--seed', options.seed);
  return {
    issuer,
    env,
    webServer: {
      command: [process.execPath, BIN, ...args].map((arg) => JSON.stringify(arg)).join(' '),
      url: `${issuer}/.well-known/openid-configuration`,
      name: 'okta emulator',
      reuseExistingServer: options.reuseExistingServer ?? !process.env.CI,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5000 },
    },
  };
}

// Configuration from the environment (and `.env`), validated up front so that a typo fails in one clear
// line naming the variable, before any request is made. Values are never echoed back: some are secrets.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { OktaError } from './errors.js';
import { PROVISIONED_FILE_VARIABLE, provisionedAccounts, readProvisionedFile, type ProvisionedFile } from './provisioned-file.js';
import type { Account, Identity, LoginFlow, OktaConfig, ResponseMode } from './types.js';

const DEFAULT_SCOPES = ['openid', 'profile', 'email'];
const ROLE_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

export interface LoadConfigOptions {
  /**
   * The directory `.env` and a relative OKTA_CACHE_DIR resolve from: the Playwright config file's directory
   * (so `playwright test -c packages/e2e/playwright.config.ts` finds packages/e2e/.env). Default: the cwd.
   */
  baseDir?: string;
  /**
   * Global setup, before it creates the run's test users: roles with OKTA_<ROLE>_PROVISION=true get no
   * accounts yet instead of failing for want of the provisioned-users file.
   */
  beforeProvisioning?: boolean;
}

/** The environment the engine reads when given none: `<baseDir>/.env` under the process's variables (or `over`'s), which win. */
export function readEnv(baseDir: string = process.cwd(), over: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const fromFile: Record<string, string> = {};
  dotenv.config({ path: path.join(baseDir, '.env'), processEnv: fromFile, quiet: true });
  return { ...fromFile, ...over };
}

/** Reads and validates the configuration; `<baseDir>/.env` is read (never overriding set variables) when `env` is omitted. */
export function loadConfig(env?: NodeJS.ProcessEnv, options: LoadConfigOptions = {}): OktaConfig {
  const baseDir = path.resolve(options.baseDir ?? process.cwd());
  const source = env ?? readEnv(baseDir);

  const get = (name: string): string | undefined => {
    const value = source[name]?.trim();
    return value ? value : undefined;
  };

  // No silent default: a missing .env must not send a password anywhere. The emulator is chosen on purpose
  // (useOktaEmulator() from playwright-okta/emulator sets these variables).
  const issuer = checkIssuer(get('OKTA_ISSUER') ?? missing('OKTA_ISSUER', NO_ISSUER));
  const clientId = get('OKTA_CLIENT_ID') ?? missing('OKTA_CLIENT_ID');
  const redirectUri = checkUrl('OKTA_REDIRECT_URI', get('OKTA_REDIRECT_URI') ?? missing('OKTA_REDIRECT_URI'));
  const clientSecret = get('OKTA_CLIENT_SECRET');
  const privateKey = readPrivateKey(get('OKTA_PRIVATE_KEY'));
  const scopes = splitList(get('OKTA_SCOPES')) ?? DEFAULT_SCOPES;
  if (!scopes.includes('openid')) fail('OKTA_SCOPES', "must include 'openid' (the engine validates the ID token)");
  const appBaseUrl = get('APP_BASE_URL');
  if (appBaseUrl) checkUrl('APP_BASE_URL', appBaseUrl);

  const global = { clientId, clientSecret, privateKey, scopes, provisioned: provisionedSource(get, options) };
  const identities: Record<string, Identity> = {};
  const roles: string[] = [];
  if (get('OKTA_USERNAME')) {
    identities.default = userIdentity('default', 'OKTA', get, global);
    roles.push('default');
  }
  for (const role of splitList(get('OKTA_ROLES')) ?? []) {
    if (!ROLE_NAME.test(role)) fail('OKTA_ROLES', `role names are letters, digits, '-' and '_' (got one that is not)`);
    if (identities[role]) fail('OKTA_ROLES', `lists the role '${role}' twice (or 'default', which OKTA_USERNAME defines)`);
    const prefix = envPrefix(role);
    const grant = get(`${prefix}_GRANT`);
    if (grant !== undefined && grant !== 'client_credentials' && grant !== 'authorization_code') {
      fail(`${prefix}_GRANT`, "must be 'client_credentials' (a service identity) or 'authorization_code' (a user)");
    }
    identities[role] = grant === 'client_credentials'
      ? serviceIdentity(role, prefix, get, global)
      : userIdentity(role, prefix, get, global);
    roles.push(role);
  }
  if (roles.length === 0) missing('OKTA_USERNAME', 'or OKTA_ROLES with OKTA_<ROLE>_USERNAME');

  const config: OktaConfig = {
    issuer,
    orgUrl: new URL(issuer).origin,
    clientId,
    redirectUri,
    scopes,
    cacheDir: path.resolve(baseDir, get('OKTA_CACHE_DIR') ?? 'playwright/.auth'),
    roles,
    defaultRole: roles[0]!,
    identities,
    responseMode: responseMode(get('OKTA_RESPONSE_MODE')),
    loginFlow: loginFlow(get('OKTA_LOGIN_FLOW')),
  };
  if (clientSecret) config.clientSecret = clientSecret;
  if (privateKey) config.privateKey = privateKey;
  const authMethod = get('OKTA_CLIENT_AUTH_METHOD');
  if (authMethod) config.clientAuthMethod = clientAuthMethod(authMethod, config);
  const timeout = milliseconds('OKTA_HTTP_TIMEOUT_MS', get('OKTA_HTTP_TIMEOUT_MS'));
  if (timeout) config.timeoutMs = timeout;
  const lockTimeout = milliseconds('OKTA_LOCK_TIMEOUT_MS', get('OKTA_LOCK_TIMEOUT_MS'));
  if (lockTimeout) config.lockTimeoutMs = lockTimeout;
  const audience = get('OKTA_AUDIENCE');
  if (audience) config.audience = audience;
  if (appBaseUrl) config.appBaseUrl = appBaseUrl;
  return config;
}

interface GlobalClient {
  clientId: string;
  clientSecret: string | undefined;
  privateKey: string | undefined;
  scopes: string[];
  /** The provisioned-users file's content, read on first need (undefined before global setup creates it). */
  provisioned: () => ProvisionedFile | undefined;
}

type Getter = (name: string) => string | undefined;

// `OKTA_<ROLE>_USERNAME` may list several accounts (a pool, one per parallel worker); they share the
// role's password and TOTP secret.
function userIdentity(role: string, prefix: string, get: Getter, global: GlobalClient): Identity {
  const provision = get(`${prefix}_PROVISION`);
  if (provision !== undefined && provision !== 'true' && provision !== 'false') fail(`${prefix}_PROVISION`, "must be 'true' or 'false'");
  if (provision === 'true') {
    if (get(`${prefix}_USERNAME`)) fail(`${prefix}_USERNAME`, `must not be set with ${prefix}_PROVISION=true (the run creates its own users)`);
    const file = global.provisioned();
    return { role, kind: 'user', accounts: file ? provisionedAccounts(file, role) : [], provisioned: true, ...roleClient(prefix, get, global) };
  }
  const usernames = splitList(get(`${prefix}_USERNAME`)) ?? missing(`${prefix}_USERNAME`);
  const password = get(`${prefix}_PASSWORD`) ?? missing(`${prefix}_PASSWORD`);
  const totpSecret = get(`${prefix}_TOTP_SECRET`);
  if (totpSecret && !/^[A-Z2-7]+=*$/i.test(totpSecret.replace(/\s/g, ''))) {
    fail(`${prefix}_TOTP_SECRET`, 'must be the base32 secret shown when the TOTP factor was enrolled');
  }
  const accounts: Account[] = usernames.map((username) =>
    totpSecret ? { username, password, totpSecret: totpSecret.replace(/\s/g, '') } : { username, password },
  );
  return { role, kind: 'user', accounts, ...roleClient(prefix, get, global) };
}

// The file global setup wrote, once per loadConfig. Outside a run that provisioned (no global setup, e.g.
// one spec from an editor) a provisioned role cannot log in: that is said here, naming the variable.
function provisionedSource(get: Getter, options: LoadConfigOptions): () => ProvisionedFile | undefined {
  let content: ProvisionedFile | undefined;
  return () => {
    if (options.beforeProvisioning) return undefined;
    const file = get(PROVISIONED_FILE_VARIABLE);
    if (!file) {
      fail(PROVISIONED_FILE_VARIABLE, 'is not set, but a role has OKTA_<ROLE>_PROVISION=true: its users are created by the global setup (playwright-okta/global-setup), so run the tests through it');
    }
    try {
      content ??= readProvisionedFile(file);
    } catch (error) {
      fail(PROVISIONED_FILE_VARIABLE, `names a file the engine will not use (${(error as Error).message}); run the global setup again`);
    }
    return content;
  };
}

function serviceIdentity(role: string, prefix: string, get: Getter, global: GlobalClient): Identity {
  const client = roleClient(prefix, get, global);
  if (!client.clientSecret && !global.privateKey) {
    missing(`${prefix}_CLIENT_SECRET`, 'or OKTA_PRIVATE_KEY (a client credentials grant needs client authentication)');
  }
  // Client credentials carry custom scopes only (Okta rejects `openid`), so the user scopes are no default.
  return { role, kind: 'service', accounts: [], ...client, scopes: splitList(get(`${prefix}_SCOPES`)) ?? [] };
}

function roleClient(prefix: string, get: Getter, global: GlobalClient): Pick<Identity, 'clientId' | 'clientSecret' | 'scopes'> {
  const clientId = get(`${prefix}_CLIENT_ID`) ?? global.clientId;
  // The global secret belongs to the global client; a role with its own client brings its own secret.
  const clientSecret = get(`${prefix}_CLIENT_SECRET`) ?? (clientId === global.clientId ? global.clientSecret : undefined);
  const scopes = splitList(get(`${prefix}_SCOPES`)) ?? global.scopes;
  return clientSecret ? { clientId, clientSecret, scopes } : { clientId, scopes };
}

function checkIssuer(value: string): string {
  const url = checkUrl('OKTA_ISSUER', value);
  const u = new URL(url);
  if (u.search || u.hash) fail('OKTA_ISSUER', 'must not have a query or fragment');
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && isLoopback(u.hostname))) {
    fail('OKTA_ISSUER', 'must use https (plain http is accepted only for 127.0.0.1, ::1 and localhost)');
  }
  return url.replace(/\/+$/, '');
}

export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function checkUrl(name: string, value: string): string {
  try {
    const u = new URL(value);
    if (u.protocol === 'http:' || u.protocol === 'https:') return value;
  } catch {
    // fall through to the error below
  }
  return fail(name, 'must be an absolute http(s) URL');
}

// OKTA_PRIVATE_KEY is PEM or JWK text, or the path of a file holding one. `\n` escapes are accepted
// because CI secret stores often flatten PEM files to one line.
function readPrivateKey(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let text = value;
  if (!value.startsWith('-----BEGIN') && !value.startsWith('{')) {
    try {
      text = readFileSync(value, 'utf8').trim();
    } catch {
      fail('OKTA_PRIVATE_KEY', 'is neither PEM text, JWK JSON, nor a readable file path');
    }
  }
  text = text.replace(/\\n/g, '\n').trim();
  if (text.startsWith('-----BEGIN')) {
    if (!/-----BEGIN (RSA |EC )?PRIVATE KEY-----/.test(text)) fail('OKTA_PRIVATE_KEY', 'must be a PKCS#8 PRIVATE KEY PEM');
    return text;
  }
  try {
    const jwk = JSON.parse(text) as { d?: unknown; kty?: unknown };
    if (typeof jwk.kty === 'string' && typeof jwk.d === 'string') return text;
  } catch {
    // fall through to the error below
  }
  return fail('OKTA_PRIVATE_KEY', 'must be a private JWK (with kty and d) or a PKCS#8 PEM');
}

function clientAuthMethod(value: string, config: OktaConfig): NonNullable<OktaConfig['clientAuthMethod']> {
  if (value === 'none' || value === 'client_secret_basic' || value === 'client_secret_post' || value === 'private_key_jwt') {
    if (value.startsWith('client_secret') && !config.clientSecret) missing('OKTA_CLIENT_SECRET', `OKTA_CLIENT_AUTH_METHOD is ${value}`);
    if (value === 'private_key_jwt' && !config.privateKey) missing('OKTA_PRIVATE_KEY', 'OKTA_CLIENT_AUTH_METHOD is private_key_jwt');
    return value;
  }
  return fail('OKTA_CLIENT_AUTH_METHOD', "must be 'none', 'client_secret_basic', 'client_secret_post' or 'private_key_jwt'");
}

/** `OKTA` for the default identity, `OKTA_<ROLE>` for a named one: the prefix of its variables. */
export function envPrefix(role: string): string {
  return role === 'default' ? 'OKTA' : `OKTA_${role.toUpperCase().replace(/-/g, '_')}`;
}

function milliseconds(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 100) fail(name, 'must be a whole number of milliseconds, at least 100');
  return ms;
}

function responseMode(value: string | undefined): ResponseMode {
  if (value === undefined) return 'query';
  if (value === 'query' || value === 'form_post' || value === 'fragment') return value;
  return fail('OKTA_RESPONSE_MODE', "must be 'query', 'form_post' or 'fragment'");
}

function loginFlow(value: string | undefined): LoginFlow {
  if (value === undefined) return 'auto';
  if (value === 'auto' || value === 'authn' || value === 'idx' || value === 'direct') return value;
  return fail('OKTA_LOGIN_FLOW', "must be 'auto', 'authn', 'idx' or 'direct'");
}

function splitList(value: string | undefined): string[] | undefined {
  const items = value?.split(/[\s,]+/).filter(Boolean);
  return items?.length ? items : undefined;
}

const NO_ISSUER =
  'your Okta authorization server, e.g. https://dev-123.okta.com/oauth2/default; to run against the local ' +
  'emulator instead, call useOktaEmulator() from playwright-okta/emulator in playwright.config.ts, or start ' +
  '`npx okta-emulator` and use the variables it prints';

function missing(name: string, why?: string): never {
  return fail(name, `is required${why ? ` (${why})` : ''}`);
}

function fail(name: string, problem: string): never {
  throw new OktaError('ERR_CONFIG', `${name} ${problem}. Set it in the environment or .env (see .env.example).`);
}

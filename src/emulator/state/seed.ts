// The default seed (DESIGN.md's users, clients and servers) and how a seed input adds to it.
import { readFileSync } from 'node:fs';
import type {
  ClientAuthMethod,
  Lifetimes,
  Seed,
  SeedAuthorizationServer,
  SeedClient,
  SeedInput,
  SeedUser,
  UserStatus,
} from '../types.js';
import { stableId } from '../lib/ids.js';

/**
 * The demo's published values: the one place the default seed, useOktaEmulator() and the demo app take
 * them from. Demo only, printed in the README: not secrets.
 */
export const DEMO = {
  password: 'Passw0rd!',
  /** Where the demo app runs, and so where the demo clients redirect. */
  appOrigin: 'http://localhost:3000',
  /** The identities useOktaEmulator() configures when none is set: role → login. */
  roles: { admin: 'alice@example.com', user: 'bob@example.com' },
  spaClientId: 'demo-spa',
  spaRedirectPath: '/login/callback',
  webClientId: 'demo-web',
  webClientSecret: 'demo-web-secret',
  webRedirectPath: '/authorization-code/callback',
  serviceClientId: 'demo-service',
  serviceClientSecret: 'demo-service-secret',
  audience: 'api://default',
  apiToken: '00demo-ssws-token',
} as const;

const PASSWORD = DEMO.password;
const SPA_REDIRECT = `${DEMO.appOrigin}${DEMO.spaRedirectPath}`;
const WEB_REDIRECT = `${DEMO.appOrigin}${DEMO.webRedirectPath}`;
const POST_LOGOUT = `${DEMO.appOrigin}/`;

export const DEFAULT_LIFETIMES: Lifetimes = {
  accessTokenSeconds: 3600,
  idTokenSeconds: 3600,
  refreshTokenSeconds: 90 * 24 * 3600,
  sessionTokenSeconds: 300,
  codeSeconds: 300,
  sessionSeconds: 2 * 3600,
};

export const DEFAULT_SEED: Seed = {
  users: [
    { login: 'alice@example.com', password: PASSWORD, firstName: 'Alice', lastName: 'Admin', groups: ['Admins'] },
    { login: 'bob@example.com', password: PASSWORD, firstName: 'Bob', lastName: 'User' },
    { login: 'mfa@example.com', password: PASSWORD, firstName: 'Mia', lastName: 'Factor', totpSecret: 'JBSWY3DPEHPK3PXP' },
    { login: 'locked@example.com', password: PASSWORD, firstName: 'Lou', lastName: 'Locked', status: 'LOCKED_OUT' },
    { login: 'expired@example.com', password: PASSWORD, firstName: 'Eve', lastName: 'Expired', status: 'PASSWORD_EXPIRED' },
    { login: 'unassigned@example.com', password: PASSWORD, firstName: 'Una', lastName: 'Unassigned', assignedClients: [] },
    { login: 'enroll@example.com', password: PASSWORD, firstName: 'Enzo', lastName: 'Enroll', mfaEnrollRequired: true },
  ],
  clients: [
    { clientId: DEMO.spaClientId, tokenEndpointAuthMethod: 'none', redirectUris: [SPA_REDIRECT], postLogoutRedirectUris: [POST_LOGOUT] },
    {
      clientId: DEMO.webClientId,
      clientSecret: DEMO.webClientSecret,
      redirectUris: [WEB_REDIRECT],
      postLogoutRedirectUris: [POST_LOGOUT],
    },
    {
      clientId: DEMO.serviceClientId,
      clientSecret: DEMO.serviceClientSecret,
      redirectUris: [],
      grantTypes: ['client_credentials'],
      scopes: ['demo.read', 'demo.write'],
    },
  ],
  authorizationServers: [{ id: 'default', audience: DEMO.audience, scopes: ['demo.read', 'demo.write'] }],
  apiTokens: [DEMO.apiToken],
  trustedOrigins: [DEMO.appOrigin],
  lifetimes: DEFAULT_LIFETIMES,
};

/** A user with every default filled in. */
export interface User extends SeedUser {
  id: string;
  email: string;
  status: UserStatus;
  groups: string[];
  assignedClients: string[] | '*';
}

export interface Client extends SeedClient {
  tokenEndpointAuthMethod: ClientAuthMethod;
  grantTypes: string[];
  postLogoutRedirectUris: string[];
}

export interface ResolvedSeed {
  users: User[];
  clients: Client[];
  authorizationServers: SeedAuthorizationServer[];
  apiTokens: string[];
  trustedOrigins: string[];
  lifetimes: Lifetimes;
}

/** A seed file is JSON with the SeedInput shape; a string option is its path. */
export function loadSeedInput(seed: SeedInput | string | undefined): SeedInput {
  if (seed === undefined) return {};
  if (typeof seed !== 'string') return seed;
  let text: string;
  try {
    text = readFileSync(seed, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the emulator seed file ${seed}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as SeedInput;
  } catch (error) {
    throw new Error(`The emulator seed file ${seed} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Adds `input` to the default seed: same login / clientId / server id replaces, anything else is added. */
export function resolveSeed(input: SeedInput): ResolvedSeed {
  const users = mergeBy(DEFAULT_SEED.users, input.users, (user) => user.login.toLowerCase());
  const clients = mergeBy(DEFAULT_SEED.clients, input.clients, (client) => client.clientId);
  const servers = mergeBy(DEFAULT_SEED.authorizationServers, input.authorizationServers, (server) => server.id);
  for (const user of users) requireFields('user', user, ['login', 'password', 'firstName', 'lastName']);
  for (const client of clients) requireFields('client', client, ['clientId', 'redirectUris']);
  for (const server of servers) requireFields('authorization server', server, ['id', 'audience']);
  return {
    users: users.map(resolveUser),
    clients: clients.map(resolveClient),
    authorizationServers: servers,
    apiTokens: unique([...DEFAULT_SEED.apiTokens, ...(input.apiTokens ?? [])]),
    trustedOrigins: unique([...DEFAULT_SEED.trustedOrigins, ...(input.trustedOrigins ?? [])]),
    lifetimes: { ...DEFAULT_SEED.lifetimes, ...(input.lifetimes ?? {}) },
  };
}

function resolveUser(user: SeedUser): User {
  return {
    ...user,
    id: user.id ?? stableId('00u', user.login.toLowerCase()),
    email: user.email ?? user.login,
    status: user.status ?? 'ACTIVE',
    groups: user.groups ?? [],
    assignedClients: user.assignedClients ?? '*',
  };
}

function resolveClient(client: SeedClient): Client {
  const method: ClientAuthMethod =
    client.tokenEndpointAuthMethod ??
    (client.jwks ? 'private_key_jwt' : client.clientSecret ? 'client_secret_basic' : 'none');
  return {
    ...client,
    tokenEndpointAuthMethod: method,
    grantTypes: client.grantTypes ?? ['authorization_code', 'refresh_token', 'implicit'],
    postLogoutRedirectUris: client.postLogoutRedirectUris ?? [],
  };
}

function mergeBy<T>(defaults: T[], additions: T[] | undefined, key: (item: T) => string): T[] {
  const merged = new Map<string, T>();
  for (const item of defaults) merged.set(key(item), item);
  for (const item of additions ?? []) merged.set(key(item), item);
  return [...merged.values()];
}

function requireFields(kind: string, item: object, fields: string[]): void {
  for (const field of fields) {
    if ((item as Record<string, unknown>)[field] === undefined) {
      throw new Error(`Emulator seed: a ${kind} lacks "${field}": ${JSON.stringify(item).slice(0, 200)}`);
    }
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

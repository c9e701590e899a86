// The default seed (DESIGN.md's users, clients and servers) and how a seed input adds to it.
import { readFileSync } from 'node:fs';
import type {
  AppPolicy,
  ClientAuthMethod,
  Lifetimes,
  Seed,
  SeedAuthorizationServer,
  SeedClient,
  SeedGroup,
  SeedInput,
  Scenario,
  SeedUser,
  UserStatus,
} from '../types.js';
import { stableId } from '../lib/ids.js';
import { DEMO_MANAGEMENT_CLIENT_ID, DEMO_MANAGEMENT_PUBLIC_JWK, DEMO_MANAGEMENT_SCOPES } from './demo-management-key.js';

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
  /** Public client with Identity Engine's grants: Interaction Code (IDX) and Direct Authentication
   * (password + MFA OTP); it redirects like the SPA. */
  directClientId: 'demo-direct',
  audience: 'api://default',
  apiToken: '00demo-ssws-token',
  /** The Management API's demo service app (private_key_jwt; its key is in demo-management-key.ts). */
  managementClientId: DEMO_MANAGEMENT_CLIENT_ID,
  /** The group assigned to the demo apps: a user created in it may sign in to them. */
  testUsersGroup: 'Test Users',
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
  interactionCodeSeconds: 60,
  idxTransactionSeconds: 600,
};

/** Grants of a web or SPA app on an Identity Engine org with the Interaction Code grant enabled. */
const CODE_GRANTS = ['authorization_code', 'refresh_token', 'implicit', 'interaction_code'];
/** Direct Authentication's grants: Resource Owner Password and MFA OTP. */
export const PASSWORD_GRANT = 'password';
export const MFA_OTP_GRANT = 'http://auth0.com/oauth/grant-type/mfa-otp';

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
  groups: [
    { name: 'Admins', description: 'Demo administrators' },
    {
      name: DEMO.testUsersGroup,
      description: 'Users created for test runs; assigned to the demo apps',
      assignedClients: [DEMO.spaClientId, DEMO.webClientId, DEMO.directClientId],
    },
  ],
  clients: [
    {
      clientId: DEMO.spaClientId,
      tokenEndpointAuthMethod: 'none',
      redirectUris: [SPA_REDIRECT],
      postLogoutRedirectUris: [POST_LOGOUT],
      grantTypes: CODE_GRANTS,
    },
    {
      clientId: DEMO.webClientId,
      clientSecret: DEMO.webClientSecret,
      redirectUris: [WEB_REDIRECT],
      postLogoutRedirectUris: [POST_LOGOUT],
      grantTypes: CODE_GRANTS,
    },
    {
      clientId: DEMO.directClientId,
      tokenEndpointAuthMethod: 'none',
      redirectUris: [SPA_REDIRECT],
      postLogoutRedirectUris: [POST_LOGOUT],
      grantTypes: ['authorization_code', 'refresh_token', 'interaction_code', PASSWORD_GRANT, MFA_OTP_GRANT],
    },
    {
      clientId: DEMO.serviceClientId,
      clientSecret: DEMO.serviceClientSecret,
      redirectUris: [],
      grantTypes: ['client_credentials'],
      scopes: ['demo.read', 'demo.write'],
    },
    {
      // An API Services app: Okta scopes on the org authorization server, by private_key_jwt only.
      clientId: DEMO.managementClientId,
      jwks: { keys: [DEMO_MANAGEMENT_PUBLIC_JWK] },
      redirectUris: [],
      grantTypes: ['client_credentials'],
      scopes: [...DEMO_MANAGEMENT_SCOPES],
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

/** A group with its id; `assignedClients` are the apps its members may sign in to. */
export interface Group extends SeedGroup {
  id: string;
  description: string;
  assignedClients: string[];
}

export interface Client extends SeedClient {
  tokenEndpointAuthMethod: ClientAuthMethod;
  grantTypes: string[];
  postLogoutRedirectUris: string[];
}

export interface ResolvedSeed {
  users: User[];
  groups: Group[];
  clients: Client[];
  authorizationServers: SeedAuthorizationServer[];
  apiTokens: string[];
  trustedOrigins: string[];
  lifetimes: Lifetimes;
  engine: Scenario['engine'];
  appPolicies: Record<string, AppPolicy>;
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
  const groups = mergeBy(DEFAULT_SEED.groups, input.groups, (group) => group.name.toLowerCase());
  const servers = mergeBy(DEFAULT_SEED.authorizationServers, input.authorizationServers, (server) => server.id);
  for (const user of users) requireFields('user', user, ['login', 'password', 'firstName', 'lastName']);
  for (const client of clients) requireFields('client', client, ['clientId', 'redirectUris']);
  for (const group of groups) requireFields('group', group, ['name']);
  for (const server of servers) requireFields('authorization server', server, ['id', 'audience']);
  return {
    users: users.map(resolveUser),
    groups: groups.map(resolveGroup),
    clients: clients.map(resolveClient),
    authorizationServers: servers,
    apiTokens: unique([...DEFAULT_SEED.apiTokens, ...(input.apiTokens ?? [])]),
    trustedOrigins: unique([...DEFAULT_SEED.trustedOrigins, ...(input.trustedOrigins ?? [])]),
    lifetimes: { ...DEFAULT_SEED.lifetimes, ...(input.lifetimes ?? {}) },
    engine: input.engine ?? DEFAULT_SEED.engine ?? 'classic',
    appPolicies: { ...DEFAULT_SEED.appPolicies, ...(input.appPolicies ?? {}) },
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

function resolveGroup(group: SeedGroup): Group {
  return {
    ...group,
    id: group.id ?? groupIdFor(group.name),
    description: group.description ?? '',
    assignedClients: group.assignedClients ?? [],
  };
}

/** A group's id when the seed gives none: the same name always gives the same id. */
export function groupIdFor(name: string): string {
  return stableId('00g', `group:${name.toLowerCase()}`);
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

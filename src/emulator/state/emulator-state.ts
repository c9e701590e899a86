// Everything one running emulator knows: the resolved seed, the scenario, signing keys, the store, request
// statistics and pending faults. Routes read it through ctx.state; the handle and /__emulator/ change it.
import type { Fault, Lifetimes, Scenario } from '../types.js';
import type { Client, ResolvedSeed, User } from './seed.js';
import { mergeScenario } from './scenario.js';
import type { SigningKey } from './keys.js';
import { Store } from './store.js';
import type { DirectoryUser } from './directory.js';
import { stableId } from '../lib/ids.js';

export const ORG_SERVER_KEY = '__org__';

export interface AuthServer {
  /** `null` for the org authorization server. */
  id: string | null;
  issuer: string;
  /** The access token's `aud`: the server's audience, or the org URL for the org server. */
  audience: string;
  /** Scopes besides the OIDC ones. */
  customScopes: string[];
  /** Where its endpoints live: `{issuer}/v1` or, for the org server, `{org}/oauth2/v1`. */
  endpointBase: string;
  key: SigningKey;
}

export interface PendingFault extends Required<Pick<Fault, 'route' | 'times'>> {
  status?: number;
  delayMs?: number;
  drop?: boolean;
  body?: string;
  headers?: Record<string, string>;
}

// What node:http accepts in a header (anything else would throw mid-answer): RFC 7230 tokens for names,
// visible Latin-1 and tabs for values.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

export class EmulatorState {
  orgUrl = '';
  readonly orgId = stableId('00o', 'emulator-org');
  scenario: Scenario;
  readonly store = new Store();
  readonly stats = new Map<string, number>();
  faults: PendingFault[] = [];

  constructor(
    readonly seed: ResolvedSeed,
    private readonly startScenario: Scenario,
    /** Signing keys by server id (ORG_SERVER_KEY for the org server). */
    readonly keys: Map<string, SigningKey>,
    /** Signs tokens for the 'unknown-kid' tamper; its `kid` is listed nowhere. */
    readonly strayKey: SigningKey,
  ) {
    this.scenario = startScenario;
    this.store.directory.load(seed);
  }

  setScenario(change: Partial<Scenario>): void {
    this.scenario = mergeScenario(this.scenario, change);
  }

  addFault(fault: Fault): void {
    if (typeof fault?.route !== 'string' || !/^[A-Z]+ \/\S*$/.test(fault.route)) {
      throw new TypeError('fault.route must look like "POST /oauth2/default/v1/token"');
    }
    if (fault.status === undefined && fault.delayMs === undefined && !fault.drop) {
      throw new TypeError('a fault needs status, delayMs or drop');
    }
    if (fault.status !== undefined && !(Number.isInteger(fault.status) && fault.status >= 100 && fault.status <= 599)) {
      throw new TypeError('fault.status must be an HTTP status code');
    }
    if (fault.delayMs !== undefined && !(typeof fault.delayMs === 'number' && fault.delayMs >= 0)) {
      throw new TypeError('fault.delayMs must be a non-negative number');
    }
    if (fault.body !== undefined && typeof fault.body !== 'string') throw new TypeError('fault.body must be a string');
    if (fault.headers !== undefined) {
      if (fault.headers === null || typeof fault.headers !== 'object' || Array.isArray(fault.headers)) throw new TypeError('fault.headers must be an object of strings');
      for (const [name, value] of Object.entries(fault.headers)) {
        if (!HEADER_NAME.test(name) || typeof value !== 'string' || !HEADER_VALUE.test(value)) {
          throw new TypeError('fault.headers must map header names to visible Latin-1 strings');
        }
        if (name.toLowerCase() === 'content-length' || name.toLowerCase() === 'transfer-encoding') {
          throw new TypeError('fault.headers may not set the framing (Content-Length, Transfer-Encoding)');
        }
      }
    }
    if ((fault.body !== undefined || fault.headers !== undefined) && fault.status === undefined) {
      throw new TypeError('fault.body and fault.headers need a status');
    }
    const times = fault.times ?? 1;
    if (!(Number.isInteger(times) && times > 0)) throw new TypeError('fault.times must be a positive integer');
    const pending: PendingFault = { route: fault.route, status: fault.status, delayMs: fault.delayMs, drop: fault.drop, times };
    if (fault.body !== undefined) pending.body = fault.body;
    if (fault.headers !== undefined) pending.headers = { ...fault.headers };
    this.faults.push(pending);
  }

  clearFaults(): void {
    this.faults = [];
  }

  reset(): void {
    this.store.clear();
    this.store.directory.load(this.seed);
    this.stats.clear();
    this.faults = [];
    this.scenario = this.startScenario;
  }

  statsObject(): Record<string, number> {
    return Object.fromEntries(this.stats);
  }

  lifetimes(): Lifetimes {
    return { ...this.seed.lifetimes, ...this.scenario.lifetimes };
  }

  /** The single way to a user (seeded or created through the Management API); deleted users are gone. */
  userByLogin(login: string): DirectoryUser | undefined {
    return this.store.directory.userByLogin(login);
  }

  userById(id: string): DirectoryUser | undefined {
    return this.store.directory.userById(id);
  }

  client(clientId: string | undefined | null): Client | undefined {
    return clientId ? this.seed.clients.find((client) => client.clientId === clientId) : undefined;
  }

  /** Assigned to the app directly, or through a group assigned to it (Okta's group assignment). */
  isAssigned(user: User, clientId: string): boolean {
    if (user.assignedClients === '*' || user.assignedClients.includes(clientId)) return true;
    return this.store.directory.groupsOf(user).some((group) => group.assignedClients.includes(clientId));
  }

  /** The org server for `null`, a seeded custom server by id, or undefined. */
  server(id: string | null): AuthServer | undefined {
    if (id === null) {
      return {
        id: null,
        issuer: this.orgUrl,
        audience: this.orgUrl,
        customScopes: [],
        endpointBase: `${this.orgUrl}/oauth2/v1`,
        key: this.keys.get(ORG_SERVER_KEY)!,
      };
    }
    const seeded = this.seed.authorizationServers.find((server) => server.id === id);
    const key = this.keys.get(id);
    if (!seeded || !key) return undefined;
    const issuer = `${this.orgUrl}/oauth2/${id}`;
    return { id, issuer, audience: seeded.audience, customScopes: seeded.scopes ?? [], endpointBase: `${issuer}/v1`, key };
  }

  /** Trusted origins plus the origins of every client redirect URI (CORS and sessionCookieRedirect). */
  trustedOrigins(): Set<string> {
    const origins = new Set(this.seed.trustedOrigins.map(originOf).filter((origin): origin is string => !!origin));
    for (const client of this.seed.clients) {
      for (const uri of [...client.redirectUris, ...client.postLogoutRedirectUris]) {
        const origin = originOf(uri);
        if (origin) origins.add(origin);
      }
    }
    if (this.orgUrl) origins.add(this.orgUrl);
    return origins;
  }
}

function originOf(uri: string): string | undefined {
  try {
    const origin = new URL(uri).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** How codes and refresh tokens remember their server. */
export function serverKey(server: AuthServer): string {
  return server.id ?? ORG_SERVER_KEY;
}

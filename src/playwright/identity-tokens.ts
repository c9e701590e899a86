// One worker's tokens, per role. Memory first; when a token is missing or near its end, the engine's
// acquireTokens (disk cache under a cross-process lock, refresh, or login) supplies a new one. Each worker
// takes the pool account that pool-account.ts assigns it (one account per parallel worker, across shards).
import { acquireTokens, type OktaConfig, type TokenRecord } from '../engine/index.js';
import { recordTokenUse } from './run-stats.js';

/** A test must be able to finish with the token it starts with: it needs its timeout's worth of life left
 * (plus a little); tokens that live shorter than that are renewed before every test. */
const EXTRA_LIFE_MS = 5_000;
const NO_TIMEOUT_LIFE_MS = 5 * 60_000;
/** Tokens that live shorter than a test may take are renewed before every test. */
const SHORT_LIFETIME_PART = 0.9;

export class IdentityTokens {
  private readonly held = new Map<string, TokenRecord>();

  constructor(
    readonly config: OktaConfig,
    readonly account: number,
  ) {}

  /**
   * Tokens for `role` good for at least a test of `testTimeoutMs` (0: no timeout), plus `extraLifeMs` for a
   * consumer that counts them expired early (okta-auth-js in the spa kind).
   */
  async get(role: string, testTimeoutMs = 0, extraLifeMs = 0): Promise<TokenRecord> {
    const held = this.held.get(role);
    const wanted = (testTimeoutMs || NO_TIMEOUT_LIFE_MS) + EXTRA_LIFE_MS + extraLifeMs;
    if (held && held.expiresAt - Date.now() > neededLife(held, wanted)) {
      recordTokenUse(identityName(held), 'cache');
      return held;
    }
    const minTtlSeconds = Math.ceil((held ? neededLife(held, wanted) : wanted) / 1000);
    const { tokens, source } = await acquireTokens(this.config, role, { account: this.account, minTtlSeconds });
    recordTokenUse(identityName(tokens), source);
    this.held.set(role, tokens);
    return tokens;
  }

  /**
   * Tokens from a login newer than `stale`, whose Okta session has ended: the ones another process (global
   * setup, another worker) already logged in again for, when the cache holds them; else a new login.
   */
  async relogin(role: string, stale: TokenRecord): Promise<TokenRecord> {
    const cached = await acquireTokens(this.config, role, { account: this.account });
    const { tokens, source } = sessionOf(cached.tokens) !== sessionOf(stale)
      ? cached
      : await acquireTokens(this.config, role, { account: this.account, fresh: true });
    recordTokenUse(identityName(tokens), source);
    this.held.set(role, tokens);
    return tokens;
  }
}

export function identityName(tokens: TokenRecord): string {
  return `${tokens.role}:${tokens.username || tokens.clientId}`;
}

function neededLife(tokens: TokenRecord, wanted: number): number {
  return Math.min(wanted, (tokens.expiresAt - tokens.obtainedAt) * SHORT_LIFETIME_PART);
}

/** The Okta session a record's login made (its cookies), to tell a new login from a refresh of the old one. */
function sessionOf(tokens: TokenRecord): string {
  return JSON.stringify((tokens.oktaSession?.cookies ?? []).map((cookie) => cookie.value));
}

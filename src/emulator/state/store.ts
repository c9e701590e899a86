// The in-memory store: everything a login creates (transactions, sessions, codes, refresh tokens) and the
// bookkeeping that makes credentials single-use. reset() empties it; nothing survives a restart.
import { Audit } from './audit.js';
import { Directory } from './directory.js';
import { IdentityEngineStore } from '../idx/store.js';

export interface Authentication {
  userId: string;
  /** Seconds since epoch (real clock; the scenario's skew is applied when tokens are written). */
  authTime: number;
  /** `['pwd']`, plus `'mfa', 'otp'` after a TOTP check. */
  amr: string[];
}

export interface SessionRecord extends Authentication {
  id: string;
  createdAt: number;
  expiresAt: number;
}

export interface SessionTokenRecord extends Authentication {
  token: string;
  expiresAt: number;
}

export interface StateTokenRecord {
  token: string;
  userId: string;
  status: 'MFA_REQUIRED' | 'MFA_CHALLENGE' | 'MFA_ENROLL' | 'PASSWORD_EXPIRED';
  expiresAt: number;
  /** Push verifications answered so far (the emulated push is never approved). */
  pushPolls: number;
}

export interface CodeRecord extends Authentication {
  code: string;
  serverId: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  nonce?: string;
  codeChallenge?: string;
  expiresAt: number;
}

export interface RefreshRecord extends Authentication {
  token: string;
  serverId: string;
  clientId: string;
  scopes: string[];
  expiresAt: number;
}

export interface RateBucket {
  count: number;
  /** Epoch milliseconds when the window ends. */
  resetAt: number;
}

export class Store {
  /** Authn attempts and issued credentials, for tests (see audit.ts). */
  readonly audit = new Audit();
  readonly sessions = new Map<string, SessionRecord>();
  readonly sessionTokens = new Map<string, SessionTokenRecord>();
  readonly stateTokens = new Map<string, StateTokenRecord>();
  readonly codes = new Map<string, CodeRecord>();
  readonly refreshTokens = new Map<string, RefreshRecord>();
  /** `jti`s of revoked access tokens. */
  readonly revokedJtis = new Set<string>();
  /** `jti`s of client assertions already used, with their expiry (ms). */
  readonly usedAssertions = new Map<string, number>();
  readonly rateBuckets = new Map<string, RateBucket>();
  /** The last TOTP time step each user spent: Okta accepts a passcode once. */
  readonly usedTotpSteps = new Map<string, number>();
  /** When each user last signed in (epoch ms), for users' `lastLogin`. */
  readonly lastLogins = new Map<string, number>();
  /** Users, groups and factors (the Management API changes them); EmulatorState loads the seed into it,
   * and reset() reloads it rather than clear() emptying it. */
  readonly directory = new Directory();
  /** IDX transactions, interaction codes, `idx` cookies and Direct Authentication's mfa_tokens. */
  readonly identityEngine = new IdentityEngineStore();

  clear(): void {
    this.audit.clear();
    this.identityEngine.clear();
    this.usedTotpSteps.clear();
    this.lastLogins.clear();
    this.sessions.clear();
    this.sessionTokens.clear();
    this.stateTokens.clear();
    this.codes.clear();
    this.refreshTokens.clear();
    this.revokedJtis.clear();
    this.usedAssertions.clear();
    this.rateBuckets.clear();
  }

  /** Returns the record when it exists and has not expired; expired ones are dropped on sight. */
  static live<T extends { expiresAt: number }>(map: Map<string, T>, key: string | undefined, now = Date.now()): T | undefined {
    if (key === undefined) return undefined;
    const record = map.get(key);
    if (!record) return undefined;
    if (record.expiresAt <= now) {
      map.delete(key);
      return undefined;
    }
    return record;
  }
}

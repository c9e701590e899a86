// What Identity Engine sign-ins leave in the store: IDX transactions (by stateHandle, and the interaction
// handle that opened each), interaction codes, the `idx` session cookies, and Direct Authentication's
// mfa_tokens. Lifetimes are read when a record is used (not fixed when it is made), so a test can shorten
// them after the fact instead of waiting for them to pass.
import type { Authentication } from '../state/store.js';
import type { FlowRequest } from '../types.js';

/** Authenticator keys, as Okta names them in IDX documents. */
export type AuthenticatorKey = 'okta_password' | 'google_otp' | 'okta_verify' | 'okta_email';

/** What /v1/interact was asked for: the authorization request the interaction code will complete. */
export interface Interaction {
  serverId: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state?: string;
  nonce?: string;
  codeChallenge: string;
}

/** Where a transaction stands: the remediation its next document offers. */
export type IdxStep =
  | { name: 'identify' }
  | { name: 'challenge'; authenticator: AuthenticatorKey }
  | { name: 'select' }
  | { name: 'enroll' }
  | { name: 'reenroll' }
  | { name: 'success'; code: string };

export interface IdxTransaction {
  interactionHandle: string;
  stateHandle: string;
  interaction: Interaction;
  createdAt: number;
  userId?: string;
  /** Authenticators answered so far. */
  verified: AuthenticatorKey[];
  step: IdxStep;
  /** Its audit entries, so the user can be named on all of them (interact and introspect included) once known. */
  requests: FlowRequest[];
}

export interface InteractionCodeRecord extends Authentication {
  code: string;
  interaction: Interaction;
  issuedAt: number;
}

export interface MfaTokenRecord {
  token: string;
  userId: string;
  clientId: string;
  serverId: string;
  scopes: string[];
  createdAt: number;
}

export class IdentityEngineStore {
  /** By stateHandle. */
  readonly transactions = new Map<string, IdxTransaction>();
  /** Interaction handle → the stateHandle of its current transaction. */
  readonly handles = new Map<string, string>();
  readonly interactionCodes = new Map<string, InteractionCodeRecord>();
  /** `idx` cookie value → `sid` session id: Identity Engine names one session by both cookies. */
  readonly idxCookies = new Map<string, string>();
  readonly mfaTokens = new Map<string, MfaTokenRecord>();

  clear(): void {
    this.transactions.clear();
    this.handles.clear();
    this.interactionCodes.clear();
    this.idxCookies.clear();
    this.mfaTokens.clear();
  }
}

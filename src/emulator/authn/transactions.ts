// The authentication state machine shared by POST /api/v1/authn and the hosted sign-in page: check the
// password, then either hand out a sessionToken or open a transaction (stateToken) for MFA or an expired
// password. Sessions (`sid`) are created from a spent sessionToken or directly by the sign-in page.
import type { EmulatorState } from '../state/emulator-state.js';
import type { User } from '../state/seed.js';
import { Store, type Authentication, type SessionRecord, type SessionTokenRecord, type StateTokenRecord } from '../state/store.js';
import { randomId } from '../lib/ids.js';
import { totpStep } from './totp.js';
import { maySignIn } from '../state/directory.js';

export type PrimaryResult =
  | { kind: 'success'; user: User; sessionToken: SessionTokenRecord }
  | { kind: 'mfa'; user: User; transaction: StateTokenRecord }
  | { kind: 'mfa-enroll'; user: User; transaction: StateTokenRecord }
  | { kind: 'password-expired'; user: User; transaction: StateTokenRecord }
  | { kind: 'locked'; user: User }
  | { kind: 'failed' };

/** State tokens live as long as Okta's authn transactions: five minutes. */
const STATE_TOKEN_MS = 5 * 60_000;

export function primaryAuthentication(state: EmulatorState, username: string, password: string): PrimaryResult {
  const user = state.userByLogin(username);
  // STAGED, PROVISIONED, SUSPENDED and DEPROVISIONED users fail like a wrong password (Okta: E0000004).
  if (!user || !maySignIn(user)) return { kind: 'failed' };
  // A locked account answers the same whatever the password: Okta does not reveal it by the error.
  if (user.status === 'LOCKED_OUT') return { kind: 'locked', user };
  if (user.password !== password) return { kind: 'failed' };
  if (user.status === 'PASSWORD_EXPIRED') {
    return { kind: 'password-expired', user, transaction: openTransaction(state, user, 'PASSWORD_EXPIRED') };
  }
  if (user.totpSecret) return { kind: 'mfa', user, transaction: openTransaction(state, user, 'MFA_REQUIRED') };
  if (user.mfaEnrollRequired) return { kind: 'mfa-enroll', user, transaction: openTransaction(state, user, 'MFA_ENROLL') };
  return { kind: 'success', user, sessionToken: issueSessionToken(state, { userId: user.id, authTime: nowSeconds(), amr: ['pwd'] }) };
}

export type TotpResult =
  | { kind: 'success'; user: User; sessionToken: SessionTokenRecord }
  | { kind: 'invalid-state' }
  | { kind: 'wrong-state' }
  | { kind: 'wrong-code' }
  | { kind: 'reused-code' };

/** Checks a TOTP passcode for an open MFA transaction; success closes the transaction. */
export function verifyTotpCode(state: EmulatorState, stateToken: string | undefined, passCode: string): TotpResult {
  const transaction = liveTransaction(state, stateToken);
  if (!transaction) return { kind: 'invalid-state' };
  if (transaction.status === 'PASSWORD_EXPIRED' || transaction.status === 'MFA_ENROLL') return { kind: 'wrong-state' };
  const user = state.userById(transaction.userId);
  if (!user?.totpSecret) return { kind: 'invalid-state' };
  const step = totpStep(user.totpSecret, passCode);
  if (step === undefined) return { kind: 'wrong-code' };
  // Okta accepts each passcode once: a code from the step already spent (or an earlier one) is refused.
  const lastStep = state.store.usedTotpSteps.get(user.id);
  if (lastStep !== undefined && step <= lastStep) return { kind: 'reused-code' };
  state.store.usedTotpSteps.set(user.id, step);
  state.store.stateTokens.delete(transaction.token);
  return {
    kind: 'success',
    user,
    sessionToken: issueSessionToken(state, { userId: user.id, authTime: nowSeconds(), amr: ['pwd', 'mfa', 'otp'] }),
  };
}

export function liveTransaction(state: EmulatorState, stateToken: string | undefined): StateTokenRecord | undefined {
  return Store.live(state.store.stateTokens, stateToken);
}


/** Only a completed sign-in gets a sessionToken, so this is also where `lastLogin` is recorded. */
export function issueSessionToken(state: EmulatorState, auth: Authentication): SessionTokenRecord {
  state.store.lastLogins.set(auth.userId, Date.now());
  const record: SessionTokenRecord = {
    ...auth,
    token: randomId('20111', 50),
    expiresAt: Date.now() + state.lifetimes().sessionTokenSeconds * 1000,
  };
  state.store.sessionTokens.set(record.token, record);
  state.store.audit.record('sessionTokens', record.token);
  return record;
}

/** Spends a sessionToken: it works once, within its lifetime. */
export function consumeSessionToken(state: EmulatorState, token: string | undefined | null): SessionTokenRecord | undefined {
  const record = Store.live(state.store.sessionTokens, token ?? undefined);
  if (record) state.store.sessionTokens.delete(record.token);
  return record;
}

export function createSession(state: EmulatorState, auth: Authentication): SessionRecord {
  const now = Date.now();
  const session: SessionRecord = {
    id: randomId('102', 22),
    userId: auth.userId,
    authTime: auth.authTime,
    amr: auth.amr,
    createdAt: now,
    expiresAt: now + state.lifetimes().sessionSeconds * 1000,
  };
  state.store.sessions.set(session.id, session);
  return session;
}

export function liveSession(state: EmulatorState, sessionId: string | undefined): SessionRecord | undefined {
  const session = Store.live(state.store.sessions, sessionId);
  if (session && !state.userById(session.userId)) return undefined;
  return session;
}

function openTransaction(state: EmulatorState, user: User, status: StateTokenRecord['status']): StateTokenRecord {
  const record: StateTokenRecord = {
    token: randomId('00', 40),
    userId: user.id,
    status,
    expiresAt: Date.now() + STATE_TOKEN_MS,
    pushPolls: 0,
  };
  state.store.stateTokens.set(record.token, record);
  state.store.audit.record('stateTokens', record.token);
  return record;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

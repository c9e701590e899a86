// What follows a verified password: the checks Okta makes once it knows who signs in (assignment, policy),
// then an expired password's re-enrolment, a second factor, or the interaction code. Success also opens the
// Okta session (`sid` and `idx` cookies), as an IDX sign-in in a browser would.
import { createSession, nowSeconds } from '../authn/transactions.js';
import type { SessionRecord } from '../state/store.js';
import type { EmulatorState } from '../state/emulator-state.js';
import type { User } from '../state/seed.js';
import { idxDocument, type IdxDocument } from './document.js';
import { IDX_MESSAGES, type IdxMessage } from './messages.js';
import { appPolicy, secondFactor } from './policy.js';
import type { IdxTransaction } from './store.js';
import { issueInteractionCode } from './transactions.js';

export interface StepOutcome {
  status: number;
  doc: IdxDocument;
  /** A session to hand the browser (`sid` and `idx` cookies). */
  session?: SessionRecord;
}

export function answer(state: EmulatorState, tx: IdxTransaction, status = 200, options: Parameters<typeof idxDocument>[2] = {}): StepOutcome {
  return { status, doc: idxDocument(state, tx, options) };
}

/** Not assigned, or a policy the user cannot satisfy: back to the identify form, with Okta's message. */
export function gate(state: EmulatorState, tx: IdxTransaction, user: User): StepOutcome | undefined {
  const clientId = tx.interaction.clientId;
  // Statuses as the Sign-In Widget's mocks serve them (IDX.md §2; no real capture shows one).
  if (!state.isAssigned(user, clientId)) return restart(state, tx, 400, IDX_MESSAGES.notAssigned());
  if (secondFactor(appPolicy(state, clientId), user).kind === 'unsatisfiable') return restart(state, tx, 403, IDX_MESSAGES.unsatisfiable(clientId));
  return undefined;
}

export function restart(state: EmulatorState, tx: IdxTransaction, status: number, message: IdxMessage): StepOutcome {
  tx.userId = undefined;
  tx.verified = [];
  tx.step = { name: 'identify' };
  return answer(state, tx, status, { messages: [message] });
}

export function afterPassword(state: EmulatorState, tx: IdxTransaction, user: User): StepOutcome {
  if (!tx.verified.includes('okta_password')) tx.verified.push('okta_password');
  if (user.status === 'PASSWORD_EXPIRED') {
    tx.step = { name: 'reenroll' };
    return answer(state, tx);
  }
  const needed = secondFactor(appPolicy(state, tx.interaction.clientId), user);
  if (needed.kind === 'none') return finish(state, tx, user, ['pwd']);
  tx.step = needed.kind === 'enroll' ? { name: 'enroll' } : { name: 'select' };
  return answer(state, tx);
}

export function finish(state: EmulatorState, tx: IdxTransaction, user: User, amr: string[]): StepOutcome {
  const auth = { userId: user.id, authTime: nowSeconds(), amr };
  issueInteractionCode(state, tx, auth);
  state.store.lastLogins.set(user.id, Date.now());
  return { status: 200, doc: idxDocument(state, tx), session: createSession(state, auth) };
}

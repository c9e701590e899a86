// The three remediation steps a password and TOTP sign-in takes (IDX.md §1.3): identify, challenge
// (select-authenticator-authenticate), challenge/answer. Each checks the step the transaction is at, the
// posted values, then moves the transaction on.
import { totpStep } from '../authn/totp.js';
import type { EmulatorState } from '../state/emulator-state.js';
import type { User } from '../state/seed.js';
import { findAuthenticator } from './authenticators.js';
import { IDX_MESSAGES } from './messages.js';
import { afterPassword, answer, finish, gate, type StepOutcome } from './outcome.js';
import { appPolicy, secondFactor } from './policy.js';
import type { IdxTransaction } from './store.js';

type Body = Record<string, unknown>;

export function identify(state: EmulatorState, tx: IdxTransaction, body: Body): StepOutcome {
  if (tx.step.name !== 'identify') return answer(state, tx, 400, { messages: [IDX_MESSAGES.accessDenied()] });
  const identifier = typeof body.identifier === 'string' ? body.identifier : '';
  const user = identifier ? state.userByLogin(identifier) : undefined;
  // An unknown or locked user gets the same answer as a wrong password: Okta does not say which.
  const known = user && user.status !== 'LOCKED_OUT' ? user : undefined;
  if (state.scenario.idxPasswordOnIdentify) {
    if (!known || passcodeOf(body) !== known.password) return answer(state, tx, 400, { messages: [IDX_MESSAGES.authenticationFailed()] });
    tx.userId = known.id;
    return gate(state, tx, known) ?? afterPassword(state, tx, known);
  }
  if (!known) return answer(state, tx, 400, { messages: [IDX_MESSAGES.authenticationFailed()] });
  tx.userId = known.id;
  const refused = gate(state, tx, known);
  if (refused) return refused;
  tx.step = { name: 'challenge', authenticator: 'okta_password' };
  return answer(state, tx);
}

export function challenge(state: EmulatorState, tx: IdxTransaction, user: User, body: Body): StepOutcome {
  const id = (body.authenticator as Body | undefined)?.id;
  const chosen = typeof id === 'string' ? findAuthenticator(user, id) : undefined;
  const passwordDone = tx.verified.includes('okta_password');
  const needed = secondFactor(appPolicy(state, tx.interaction.clientId), user);
  const allowed =
    chosen !== undefined &&
    tx.step.name !== 'success' &&
    (chosen.key === 'okta_password' ? !passwordDone : passwordDone && needed.kind === 'choose' && needed.keys.includes(chosen.key));
  if (!allowed) return answer(state, tx, 400, { messages: [IDX_MESSAGES.accessDenied()] });
  tx.step = { name: 'challenge', authenticator: chosen.key };
  return answer(state, tx);
}

export function challengeAnswer(state: EmulatorState, tx: IdxTransaction, user: User, body: Body): StepOutcome {
  const step = tx.step;
  const passcode = passcodeOf(body) ?? '';
  if (step.name !== 'challenge' || step.authenticator === 'okta_verify') {
    // reenroll (a new password) is not emulated: the user stays at the step, as after a refused answer.
    return answer(state, tx, 400, { messages: [IDX_MESSAGES.accessDenied()] });
  }
  switch (step.authenticator) {
    case 'okta_password':
      if (passcode !== user.password) return answer(state, tx, 400, { messages: [IDX_MESSAGES.incorrectPassword()] });
      return afterPassword(state, tx, user);
    case 'okta_email':
      // The code went to a mailbox nobody reads here: every code is wrong.
      return answer(state, tx, 400, { passcodeMessages: [IDX_MESSAGES.invalidEmailCode()] });
    case 'google_otp': {
      const spent = user.totpSecret ? totpStep(user.totpSecret, passcode) : undefined;
      if (spent === undefined) return answer(state, tx, 400, { passcodeMessages: [IDX_MESSAGES.invalidTotp()] });
      // Each code once, shared with /api/v1/authn: Okta remembers the last time step a user spent.
      const last = state.store.usedTotpSteps.get(user.id);
      if (last !== undefined && spent <= last) return answer(state, tx, 400, { passcodeMessages: [IDX_MESSAGES.usedTotp()] });
      state.store.usedTotpSteps.set(user.id, spent);
      tx.verified.push('google_otp');
      return finish(state, tx, user, ['pwd', 'mfa', 'otp']);
    }
  }
}

function passcodeOf(body: Body): string | undefined {
  const passcode = (body.credentials as Body | undefined)?.passcode;
  return typeof passcode === 'string' ? passcode : undefined;
}

// App authentication policies (Identity Engine): what a sign-in to a client must prove, and whether a user's
// authenticators can prove it. A client without a policy asks for the password only; a user with a TOTP
// factor is asked for a second factor anyway (the global session policy, which /api/v1/authn enforces too).
import type { EmulatorState } from '../state/emulator-state.js';
import type { User } from '../state/seed.js';
import type { AppPolicy } from '../types.js';
import { userAuthenticators } from './authenticators.js';
import type { AuthenticatorKey } from './store.js';

export function appPolicy(state: EmulatorState, clientId: string): AppPolicy {
  return state.scenario.appPolicies[clientId] ?? 'password';
}

export type SecondFactor =
  | { kind: 'none' }
  /** Choose one of these (in the order Okta lists them). */
  | { kind: 'choose'; keys: AuthenticatorKey[] }
  /** The sign-on policy wants a factor the user must enrol first. */
  | { kind: 'enroll' }
  /** Nothing the user has enrolled satisfies the policy. */
  | { kind: 'unsatisfiable' };

export function secondFactor(policy: AppPolicy, user: User): SecondFactor {
  if (user.mfaEnrollRequired && !user.totpSecret) return { kind: 'enroll' };
  if (policy === 'password' && !user.totpSecret) return { kind: 'none' };
  const allowed: AuthenticatorKey[] = policy === 'password+totp' ? ['google_otp'] : ['okta_verify', 'okta_email', 'google_otp'];
  const keys = userAuthenticators(user)
    .map((authenticator) => authenticator.key)
    .filter((key) => allowed.includes(key));
  return keys.length > 0 ? { kind: 'choose', keys } : { kind: 'unsatisfiable' };
}

/** Whether a session that proved `amr` satisfies the client's policy (for /authorize?sessionToken=). */
export function satisfiesPolicy(policy: AppPolicy, user: User, amr: string[]): boolean {
  const needed = secondFactor(policy, user);
  if (needed.kind === 'none') return true;
  if (policy === 'password+totp') return amr.includes('otp');
  return amr.includes('mfa');
}

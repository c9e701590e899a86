// The authenticators a user has enrolled, as IDX lists them. Everyone has a password; a user with a TOTP
// secret also has Okta Verify (push), Email and Google Authenticator (a seed may give another user only the
// first two: `headlessUnanswerable`). Push and email come before Google Authenticator on purpose: a
// headless client must choose by `key`, never by position. Ids are stable: the authenticator's from its key
// (org-wide), the enrollment's from the user (Google Authenticator's is the `uft…` id /api/v1/authn lists
// as the TOTP factor).
import { stableId } from '../lib/ids.js';
import type { User } from '../state/seed.js';
import type { AuthenticatorKey } from './store.js';

export interface UserAuthenticator {
  key: AuthenticatorKey;
  type: 'password' | 'app' | 'email';
  displayName: string;
  /** The org's authenticator (`aut…`): what select-authenticator-authenticate posts back as `id`. */
  authenticatorId: string;
  /** The user's enrollment of it. */
  enrollmentId: string;
  methodType: 'password' | 'otp' | 'push' | 'email';
  /** Masked profile, as Okta shows it (email only). */
  profile?: Record<string, string>;
}

/** The order Okta lists them in (the same for every user). */
const ORDER: AuthenticatorKey[] = ['okta_verify', 'okta_email', 'google_otp'];

const CATALOGUE: Record<AuthenticatorKey, Pick<UserAuthenticator, 'type' | 'displayName' | 'methodType'> & { enrollmentPrefix: string }> = {
  okta_password: { type: 'password', displayName: 'Password', methodType: 'password', enrollmentPrefix: 'lae' },
  okta_verify: { type: 'app', displayName: 'Okta Verify', methodType: 'push', enrollmentPrefix: 'pfd' },
  okta_email: { type: 'email', displayName: 'Email', methodType: 'email', enrollmentPrefix: 'eae' },
  google_otp: { type: 'app', displayName: 'Google Authenticator', methodType: 'otp', enrollmentPrefix: 'uft' },
};

export function userAuthenticators(user: User): UserAuthenticator[] {
  const others: AuthenticatorKey[] = user.totpSecret ? ['okta_verify', 'okta_email', 'google_otp'] : ORDER.filter((key) => (user.headlessUnanswerable as AuthenticatorKey[] | undefined)?.includes(key));
  const keys: AuthenticatorKey[] = ['okta_password', ...others];
  return keys.map((key) => authenticatorOf(user, key));
}

/** The org's authenticator, before any user is known. */
export type OrgAuthenticator = Omit<UserAuthenticator, 'enrollmentId' | 'profile'>;

export function orgAuthenticator(key: AuthenticatorKey): OrgAuthenticator {
  const entry = CATALOGUE[key];
  return { key, type: entry.type, displayName: entry.displayName, authenticatorId: stableId('aut', `authenticator:${key}`), methodType: entry.methodType };
}

export function authenticatorOf(user: User, key: AuthenticatorKey): UserAuthenticator {
  const entry = CATALOGUE[key];
  const enrollmentId = key === 'google_otp' ? stableId('uft', `totp:${user.id}`) : stableId(entry.enrollmentPrefix, `${key}:${user.id}`);
  const found: UserAuthenticator = { ...orgAuthenticator(key), enrollmentId };
  if (key === 'okta_email') found.profile = { email: maskEmail(user.email) };
  return found;
}

/** The authenticator an `authenticator.id` names: the org's id or the user's enrollment id. */
export function findAuthenticator(user: User, id: string): UserAuthenticator | undefined {
  return userAuthenticators(user).find((candidate) => candidate.authenticatorId === id || candidate.enrollmentId === id);
}

/** `mia@example.com` → `m***a@example.com`, as Okta masks it. */
function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at < 2) return email;
  return `${email[0]}***${email[at - 1]}${email.slice(at)}`;
}

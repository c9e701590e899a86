// Profile claims by scope, shared by the ID token and userinfo (Okta puts the same names in both).
import type { User } from '../state/seed.js';

export const USER_LOCALE = 'en-US';
export const USER_ZONEINFO = 'America/Los_Angeles';
/** Seeded users were "last updated" when the emulator module loaded. */
export const PROFILE_UPDATED_AT = Math.floor(Date.now() / 1000);

export function profileClaims(user: User, scopes: string[]): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  if (scopes.includes('profile')) {
    claims.name = `${user.firstName} ${user.lastName}`;
    claims.preferred_username = user.login;
    claims.given_name = user.firstName;
    claims.family_name = user.lastName;
    claims.locale = USER_LOCALE;
    claims.zoneinfo = USER_ZONEINFO;
  }
  if (scopes.includes('email')) {
    claims.email = user.email;
    claims.email_verified = true;
  }
  if (scopes.includes('groups')) claims.groups = user.groups;
  return claims;
}

/** Okta's ID token issued beside an access token is thin (see the TAPE_*_token_* recordings): name,
 * preferred_username and email only; the rest is left to userinfo. Alone, it carries the full set. */
export function idTokenProfileClaims(user: User, scopes: string[], withAccessToken: boolean): Record<string, unknown> {
  const full = profileClaims(user, scopes);
  if (!withAccessToken) return full;
  const thin: Record<string, unknown> = {};
  for (const name of ['name', 'email', 'preferred_username', 'groups']) if (name in full) thin[name] = full[name];
  return thin;
}

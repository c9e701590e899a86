// Response bodies of the Authentication API, shaped like the recordings (TAPE_api_v1_authn_*, authn_*.docs).
import type { User } from '../state/seed.js';
import type { SessionTokenRecord, StateTokenRecord } from '../state/store.js';
import type { Factor } from './factors.js';

/** Seeded users last changed their password when the emulator module loaded. */
const PASSWORD_CHANGED = new Date(Math.floor(Date.now() / 1000) * 1000 - 86_400_000).toISOString();

type Link = { href: string; hints: { allow: string[] }; name?: string };

function link(orgUrl: string, path: string, name?: string): Link {
  return { ...(name ? { name } : {}), href: `${orgUrl}${path}`, hints: { allow: ['POST'] } };
}

export function embeddedUser(user: User) {
  return {
    id: user.id,
    passwordChanged: PASSWORD_CHANGED,
    profile: {
      login: user.login,
      firstName: user.firstName,
      lastName: user.lastName,
      locale: 'en',
      timeZone: 'America/Los_Angeles',
    },
  };
}

function iso(ms: number): string {
  // Okta writes whole seconds: "2017-08-10T23:19:55.000Z".
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

export function successBody(user: User, token: SessionTokenRecord) {
  return { expiresAt: iso(token.expiresAt), status: 'SUCCESS', sessionToken: token.token, _embedded: { user: embeddedUser(user) } };
}

function factorBody(orgUrl: string, factor: Factor) {
  return { ...factor, _links: { verify: link(orgUrl, `/api/v1/authn/factors/${factor.id}/verify`) } };
}

const MFA_POLICY = {
  allowRememberDevice: false,
  rememberDeviceLifetimeInMinutes: 0,
  rememberDeviceByDefault: false,
  factorsPolicyInfo: {},
};

export function mfaRequiredBody(orgUrl: string, user: User, transaction: StateTokenRecord, factors: Factor[]) {
  return {
    stateToken: transaction.token,
    expiresAt: iso(transaction.expiresAt),
    status: 'MFA_REQUIRED',
    _embedded: { user: embeddedUser(user), policy: MFA_POLICY, factors: factors.map((factor) => factorBody(orgUrl, factor)) },
    _links: { cancel: link(orgUrl, '/api/v1/authn/cancel') },
  };
}

export function pushChallengeBody(orgUrl: string, user: User, transaction: StateTokenRecord, factor: Factor, result: 'WAITING' | 'TIMEOUT') {
  const verify = `/api/v1/authn/factors/${factor.id}/verify`;
  return {
    stateToken: transaction.token,
    expiresAt: iso(transaction.expiresAt),
    status: 'MFA_CHALLENGE',
    factorResult: result,
    _embedded: { user: embeddedUser(user), policy: MFA_POLICY, factor: { id: factor.id, factorType: factor.factorType, provider: factor.provider, vendorName: factor.vendorName, profile: factor.profile } },
    _links: {
      next: link(orgUrl, verify, 'poll'),
      cancel: link(orgUrl, '/api/v1/authn/cancel'),
      prev: link(orgUrl, '/api/v1/authn/previous'),
    },
  };
}

/** The policy requires a factor the user has none of: they must enroll TOTP before signing in. */
export function mfaEnrollBody(orgUrl: string, user: User, transaction: StateTokenRecord) {
  return {
    stateToken: transaction.token,
    expiresAt: iso(transaction.expiresAt),
    status: 'MFA_ENROLL',
    _embedded: {
      user: embeddedUser(user),
      factors: [
        {
          factorType: 'token:software:totp',
          provider: 'OKTA',
          vendorName: 'OKTA',
          _links: { enroll: link(orgUrl, '/api/v1/authn/factors') },
          status: 'NOT_SETUP',
          enrollment: 'REQUIRED',
        },
      ],
    },
    _links: { cancel: link(orgUrl, '/api/v1/authn/cancel') },
  };
}

export function passwordExpiredBody(orgUrl: string, user: User, transaction: StateTokenRecord) {
  return {
    stateToken: transaction.token,
    expiresAt: iso(transaction.expiresAt),
    status: 'PASSWORD_EXPIRED',
    _embedded: {
      user: embeddedUser(user),
      policy: { complexity: { minLength: 8, minLowerCase: 1, minUpperCase: 1, minNumber: 1, minSymbol: 0 } },
    },
    _links: {
      next: link(orgUrl, '/api/v1/authn/credentials/change_password', 'changePassword'),
      cancel: link(orgUrl, '/api/v1/authn/cancel'),
    },
  };
}

export function lockedOutBody(orgUrl: string) {
  return { status: 'LOCKED_OUT', _links: { next: link(orgUrl, '/api/v1/authn/recovery/unlock', 'unlock') } };
}

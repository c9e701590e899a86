// The Management API's shapes, as the management spec's examples show them (vendored in
// tests/emulator/okta-wire/management/): users, groups, group assignments to apps, and TOTP factors.
import type { DirectoryGroup, DirectoryUser, TotpEnrolment } from '../state/directory.js';
import type { EmulatorState } from '../state/emulator-state.js';

export function userBody(state: EmulatorState, user: DirectoryUser) {
  const self = `${state.orgUrl}/api/v1/users/${user.id}`;
  const lastLogin = state.store.lastLogins.get(user.id);
  return {
    id: user.id,
    status: user.status,
    created: user.created,
    activated: user.activated,
    statusChanged: user.statusChanged,
    lastLogin: lastLogin === undefined ? null : new Date(lastLogin).toISOString(),
    lastUpdated: user.lastUpdated,
    passwordChanged: user.passwordChanged,
    type: { id: 'oty_default' },
    profile: {
      firstName: user.firstName,
      lastName: user.lastName,
      mobilePhone: user.mobilePhone ?? null,
      secondEmail: null,
      login: user.login,
      email: user.email,
    },
    credentials: { ...(user.password ? { password: {} } : {}), provider: { type: 'OKTA', name: 'OKTA' } },
    _links: { ...lifecycleLinks(self, user), self: { href: self } },
  };
}

function lifecycleLinks(self: string, user: DirectoryUser): Record<string, { href: string; method: string }> {
  if (user.status === 'STAGED' || user.status === 'DEPROVISIONED') return { activate: { href: `${self}/lifecycle/activate`, method: 'POST' } };
  return { deactivate: { href: `${self}/lifecycle/deactivate`, method: 'POST' } };
}

export function groupBody(state: EmulatorState, group: DirectoryGroup) {
  const self = `${state.orgUrl}/api/v1/groups/${group.id}`;
  return {
    id: group.id,
    created: group.created,
    lastUpdated: group.lastUpdated,
    lastMembershipUpdated: group.lastMembershipUpdated,
    objectClass: ['okta:user_group'],
    type: 'OKTA_GROUP',
    profile: { name: group.name, description: group.description },
    _links: {
      logo: [
        { name: 'medium', href: `${state.orgUrl}/img/logos/groups/okta-medium.png`, type: 'image/png' },
        { name: 'large', href: `${state.orgUrl}/img/logos/groups/okta-large.png`, type: 'image/png' },
      ],
      users: { href: `${self}/users` },
      apps: { href: `${self}/apps` },
    },
  };
}

/** An app's group assignment (`GET /api/v1/apps/{appId}/groups`). */
export function groupAssignmentBody(state: EmulatorState, appId: string, group: DirectoryGroup) {
  return {
    id: group.id,
    lastUpdated: group.lastUpdated,
    priority: 0,
    profile: {},
    _links: {
      app: { href: `${state.orgUrl}/api/v1/apps/${appId}` },
      self: { href: `${state.orgUrl}/api/v1/apps/${appId}/groups/${group.id}` },
      group: { href: `${state.orgUrl}/api/v1/groups/${group.id}` },
    },
  };
}

const ALLOW = (...methods: string[]) => ({ allow: methods });

export function factorBody(state: EmulatorState, user: DirectoryUser, enrolment: TotpEnrolment, withActivation: boolean) {
  const userHref = `${state.orgUrl}/api/v1/users/${user.id}`;
  const self = `${userHref}/factors/${enrolment.id}`;
  const pending = enrolment.status === 'PENDING_ACTIVATION';
  return {
    id: enrolment.id,
    factorType: 'token:software:totp',
    provider: 'GOOGLE',
    vendorName: 'GOOGLE',
    status: enrolment.status,
    created: enrolment.created,
    lastUpdated: enrolment.lastUpdated,
    profile: { credentialId: user.login },
    _links: {
      ...(pending
        ? { activate: { href: `${self}/lifecycle/activate`, hints: ALLOW('POST') } }
        : { verify: { href: `${self}/verify`, hints: ALLOW('POST') } }),
      self: { href: self, hints: pending ? ALLOW('GET') : ALLOW('GET', 'DELETE') },
      user: { href: userHref, hints: ALLOW('GET') },
    },
    // The shared secret is shown while the factor waits for activation, as Okta does, and never after.
    ...(pending && withActivation
      ? {
          _embedded: {
            activation: {
              timeStep: 30,
              sharedSecret: enrolment.secret,
              encoding: 'base32',
              keyLength: 16,
              _links: { qrcode: { href: `${self}/qr/${enrolment.id}`, type: 'image/png' } },
            },
          },
        }
      : {}),
  };
}

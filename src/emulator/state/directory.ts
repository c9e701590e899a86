// The org's directory: users, groups and TOTP enrolments, mutable at run time through the Management API.
// It starts from the seed and returns to it on reset(); what the API created is kept in the state file
// (persistence.ts). Everything else reads users through EmulatorState.userByLogin / userById, so a user
// created here signs in like a seeded one.
import type { UserStatus } from '../types.js';
import { stableId } from '../lib/ids.js';
import { groupIdFor, type Group, type ResolvedSeed, type User } from './seed.js';

/** Seeded objects were created a day before the emulator module loaded (stable within a run). */
const SEEDED_AT = new Date(Math.floor(Date.now() / 1000) * 1000 - 86_400_000).toISOString();

/** A user as the directory keeps it: the seed's fields plus Okta's timestamps and where it came from. */
export interface DirectoryUser extends User {
  created: string;
  activated: string | null;
  statusChanged: string | null;
  lastUpdated: string;
  passwordChanged: string | null;
  mobilePhone?: string | null;
  /** `api`: created through the Management API (kept in the state file); `seed`: from the seed. */
  origin: 'seed' | 'api';
}

export interface DirectoryGroup extends Group {
  created: string;
  lastUpdated: string;
  lastMembershipUpdated: string;
  origin: 'seed' | 'api';
}

/** A `token:software:totp` enrolment; ACTIVE ones are also the user's `totpSecret`, which authn and IDX read. */
export interface TotpEnrolment {
  id: string;
  userId: string;
  secret: string;
  status: 'PENDING_ACTIVATION' | 'ACTIVE';
  created: string;
  lastUpdated: string;
  /** Epoch ms of recent activation attempts (Okta: five within five minutes). */
  attempts: number[];
}

/** What the state file keeps: only what the Management API made (the seed makes the rest on start). */
export interface PersistedDirectory {
  users: DirectoryUser[];
  groups: DirectoryGroup[];
  enrolments: TotpEnrolment[];
}

/** Statuses that may present a password at sign-in; PASSWORD_EXPIRED then must change it. */
const SIGN_IN_STATUSES: UserStatus[] = ['ACTIVE', 'PASSWORD_EXPIRED', 'LOCKED_OUT'];

/** Whether the user may start a sign-in at all (STAGED, PROVISIONED, SUSPENDED, DEPROVISIONED may not). */
export function maySignIn(user: User): boolean {
  return SIGN_IN_STATUSES.includes(user.status);
}

export class Directory {
  private readonly users = new Map<string, DirectoryUser>();
  private readonly idsByLogin = new Map<string, string>();
  private readonly groups = new Map<string, DirectoryGroup>();
  private readonly enrolments = new Map<string, TotpEnrolment>();

  /** Starts over from the seed: API-made users, groups and enrolments are forgotten, seeded ones restored. */
  load(seed: Pick<ResolvedSeed, 'users' | 'groups'>): void {
    this.users.clear();
    this.idsByLogin.clear();
    this.groups.clear();
    this.enrolments.clear();
    for (const group of seed.groups) {
      this.groups.set(group.id, { ...group, assignedClients: [...group.assignedClients], ...seededTimes(), lastMembershipUpdated: SEEDED_AT, origin: 'seed' });
    }
    for (const user of seed.users) {
      this.putUser({
        ...user,
        groups: [...user.groups],
        created: SEEDED_AT,
        activated: SEEDED_AT,
        statusChanged: SEEDED_AT,
        lastUpdated: SEEDED_AT,
        passwordChanged: SEEDED_AT,
        origin: 'seed',
      });
      for (const name of user.groups) this.ensureGroup(name, 'seed');
      if (user.totpSecret) {
        const enrolment: TotpEnrolment = { id: totpFactorId(user.id), userId: user.id, secret: user.totpSecret, status: 'ACTIVE', ...seededTimes(), attempts: [] };
        this.enrolments.set(user.id, enrolment);
      }
    }
  }

  /** Adds what the state file kept; seeded users and groups with the same id or login stay as seeded. */
  restore(saved: PersistedDirectory): void {
    for (const group of saved.groups ?? []) if (!this.groups.has(group.id)) this.groups.set(group.id, group);
    for (const user of saved.users ?? []) {
      if (this.users.has(user.id) || this.idsByLogin.has(user.login.toLowerCase())) continue;
      this.putUser(user);
    }
    for (const enrolment of saved.enrolments ?? []) {
      if (this.users.get(enrolment.userId)?.origin === 'api') this.enrolments.set(enrolment.userId, enrolment);
    }
  }

  persisted(): PersistedDirectory {
    const users = this.allUsers().filter((user) => user.origin === 'api');
    const ids = new Set(users.map((user) => user.id));
    return {
      users,
      groups: this.allGroups().filter((group) => group.origin === 'api'),
      enrolments: [...this.enrolments.values()].filter((enrolment) => ids.has(enrolment.userId)),
    };
  }

  // Users

  userById(id: string): DirectoryUser | undefined {
    return this.users.get(id);
  }

  userByLogin(login: string): DirectoryUser | undefined {
    const id = this.idsByLogin.get(login.toLowerCase());
    return id === undefined ? undefined : this.users.get(id);
  }

  /** In creation order (the seed's first), which is also the order of Okta's paging cursor here. */
  allUsers(): DirectoryUser[] {
    return [...this.users.values()];
  }

  putUser(user: DirectoryUser): void {
    const previous = this.users.get(user.id);
    if (previous) this.idsByLogin.delete(previous.login.toLowerCase());
    this.users.set(user.id, user);
    this.idsByLogin.set(user.login.toLowerCase(), user.id);
  }

  deleteUser(id: string): void {
    const user = this.users.get(id);
    if (!user) return;
    this.users.delete(id);
    this.idsByLogin.delete(user.login.toLowerCase());
    this.enrolments.delete(id);
  }

  // Groups

  groupById(id: string): DirectoryGroup | undefined {
    return this.groups.get(id);
  }

  groupByName(name: string): DirectoryGroup | undefined {
    const wanted = name.toLowerCase();
    return this.allGroups().find((group) => group.name.toLowerCase() === wanted);
  }

  allGroups(): DirectoryGroup[] {
    return [...this.groups.values()];
  }

  putGroup(group: DirectoryGroup): void {
    this.groups.set(group.id, group);
  }

  /** The group of that name, made (unassigned) when a user names one the seed does not list. */
  ensureGroup(name: string, origin: 'seed' | 'api'): DirectoryGroup {
    const existing = this.groupByName(name);
    if (existing) return existing;
    const group: DirectoryGroup = { id: groupIdFor(name), name, description: '', assignedClients: [], ...seededTimes(), lastMembershipUpdated: SEEDED_AT, origin };
    this.groups.set(group.id, group);
    return group;
  }

  deleteGroup(id: string): void {
    const group = this.groups.get(id);
    if (!group) return;
    this.groups.delete(id);
    for (const user of this.users.values()) user.groups = user.groups.filter((name) => name !== group.name);
  }

  members(group: DirectoryGroup): DirectoryUser[] {
    return this.allUsers().filter((user) => user.groups.includes(group.name));
  }

  groupsOf(user: User): DirectoryGroup[] {
    return user.groups.map((name) => this.groupByName(name)).filter((group): group is DirectoryGroup => !!group);
  }

  // TOTP enrolments

  enrolment(userId: string): TotpEnrolment | undefined {
    return this.enrolments.get(userId);
  }

  putEnrolment(enrolment: TotpEnrolment): void {
    this.enrolments.set(enrolment.userId, enrolment);
  }

  deleteEnrolment(userId: string): void {
    this.enrolments.delete(userId);
  }
}

function seededTimes(): { created: string; lastUpdated: string } {
  return { created: SEEDED_AT, lastUpdated: SEEDED_AT };
}

/** The TOTP factor's id: the one /api/v1/authn lists too (authn/factors.ts), so both APIs agree. */
export function totpFactorId(userId: string): string {
  return stableId('uft', `totp:${userId}`);
}

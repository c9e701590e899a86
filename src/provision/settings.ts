// What to provision, read from the environment beside loadConfig (which marks the roles with
// OKTA_<ROLE>_PROVISION=true): per role the pool size (_COUNT), the groups (_GROUPS) and TOTP (_MFA=totp);
// for the run the login prefix and domain and the run id. Mistakes fail as ERR_CONFIG naming the variable.
import { randomBytes } from 'node:crypto';
import { envPrefix, OktaError, type OktaConfig } from '../engine/index.js';

export interface RoleProvision {
  role: string;
  /** Users in the role's pool: one per parallel worker. */
  count: number;
  /** Group ids or names to join at creation, as given. */
  groups: string[];
  /** The variable that gave `groups`, for messages. */
  groupsVariable: string;
  mfa: 'totp' | undefined;
}

export interface ProvisionSettings {
  roles: RoleProvision[];
  prefix: string;
  domain: string;
  /** This run's id: the CI's (GITHUB_RUN_ID, CI_PIPELINE_ID, …) or a random one. */
  run: string;
}

type Env = Record<string, string | undefined>;

export const DEFAULT_PREFIX = 'pwokta';
const MAX_COUNT = 50;
const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** Undefined when no role provisions. */
export function provisionSettings(config: OktaConfig, env: Env): ProvisionSettings | undefined {
  const get = (name: string) => env[name]?.trim() || undefined;
  const roles = config.roles.filter((role) => config.identities[role]?.provisioned).map((role): RoleProvision => {
    const prefix = envPrefix(role);
    const mfa = get(`${prefix}_MFA`);
    if (mfa !== undefined && mfa !== 'totp' && mfa !== 'none') fail(`${prefix}_MFA`, "must be 'totp' (enrol and activate a TOTP factor) or 'none'");
    return {
      role,
      count: count(`${prefix}_COUNT`, get(`${prefix}_COUNT`)),
      groups: get(`${prefix}_GROUPS`)?.split(',').map((group) => group.trim()).filter(Boolean) ?? [],
      groupsVariable: `${prefix}_GROUPS`,
      mfa: mfa === 'totp' ? 'totp' : undefined,
    };
  });
  if (roles.length === 0) return undefined;
  const prefix = provisionPrefix(env);
  const domain = (get('OKTA_PROVISION_DOMAIN') ?? 'example.com').toLowerCase();
  if (!domain.split('.').every((label) => LABEL.test(label)) || !domain.includes('.')) fail('OKTA_PROVISION_DOMAIN', 'must be a domain name, e.g. example.com');
  return { roles, prefix, domain, run: runId(get) };
}

/** OKTA_PROVISION_PREFIX (default pwokta): what every test user's login starts with, and what the sweep looks for. */
export function provisionPrefix(env: Env): string {
  const prefix = (env.OKTA_PROVISION_PREFIX?.trim() || DEFAULT_PREFIX).toLowerCase();
  if (!LABEL.test(prefix)) fail('OKTA_PROVISION_PREFIX', "must be letters, digits and '-' (it starts every test user's login)");
  return prefix;
}

/** `<prefix>-<run>-<shard>-<role>-<n>@<domain>`, n from 1: unique across runs and shards, found by prefix. */
export function testLogin(settings: ProvisionSettings, shard: number, role: string, n: number): string {
  return `${settings.prefix}-${settings.run}-${shard}-${role.toLowerCase().replace(/_/g, '-')}-${n}@${settings.domain}`;
}

// A re-run of a CI job (GitHub's run attempt) is another run: its users must not collide with the ones a
// killed first attempt may have left.
function runId(get: (name: string) => string | undefined): string {
  const given = get('OKTA_PROVISION_RUN_ID')
    ?? (get('GITHUB_RUN_ID') ? `${get('GITHUB_RUN_ID')}${Number(get('GITHUB_RUN_ATTEMPT') ?? 1) > 1 ? `r${get('GITHUB_RUN_ATTEMPT')}` : ''}` : undefined)
    ?? get('CI_PIPELINE_ID') ?? get('BUILD_BUILDID') ?? get('CIRCLE_WORKFLOW_ID')?.slice(0, 8);
  if (given === undefined) return randomBytes(4).toString('hex');
  const id = given.toLowerCase();
  if (!LABEL.test(id)) fail('OKTA_PROVISION_RUN_ID', "must be letters, digits and '-' (it is part of every test user's login)");
  return id;
}

function count(name: string, value: string | undefined): number {
  if (value === undefined) return 1;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_COUNT) fail(name, `must be a whole number from 1 to ${MAX_COUNT} (users in the role's pool, one per parallel worker)`);
  return n;
}

function fail(name: string, problem: string): never {
  throw new OktaError('ERR_CONFIG', `${name} ${problem}. Set it in the environment or .env (see .env.example).`);
}

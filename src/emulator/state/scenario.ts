// Scenario switches: the defaults (an ordinary Classic org) and how partial changes merge in.
import type { AppPolicy, Scenario } from '../types.js';

export const DEFAULT_SCENARIO: Scenario = {
  rateLimit: null,
  managementRateLimit: null,
  refreshTokenRotation: true,
  clockSkewSeconds: 0,
  showLockedOut: false,
  engine: 'classic',
  appPolicies: {},
  idxPasswordOnIdentify: false,
  tamper: null,
  lifetimes: {},
};

const APP_POLICIES: AppPolicy[] = ['password', 'password+any', 'password+totp'];
const TAMPERS = ['state', 'issuer', 'audience', 'signature', 'alg-none', 'expired', 'nonce', 'subject', 'unknown-kid'];

/** Merges `change` into `current`; throws a TypeError naming the first bad field (the control answers 400). */
export function mergeScenario(current: Scenario, change: Partial<Scenario>): Scenario {
  if (change === null || typeof change !== 'object' || Array.isArray(change)) {
    throw new TypeError('scenario must be an object');
  }
  const next: Scenario = { ...current, lifetimes: { ...current.lifetimes }, appPolicies: { ...current.appPolicies } };
  for (const [key, value] of Object.entries(change)) {
    switch (key) {
      case 'rateLimit':
        if (value !== null && !isRateLimit(value)) throw new TypeError('rateLimit must be null or {limit, windowSeconds}');
        next.rateLimit = value as Scenario['rateLimit'];
        break;
      case 'managementRateLimit':
        if (value !== null && !isRateLimit(value)) throw new TypeError('managementRateLimit must be null or {limit, windowSeconds}');
        next.managementRateLimit = value as Scenario['managementRateLimit'];
        break;
      case 'refreshTokenRotation':
      case 'showLockedOut':
      case 'idxPasswordOnIdentify':
        if (typeof value !== 'boolean') throw new TypeError(`${key} must be a boolean`);
        next[key] = value;
        break;
      case 'clockSkewSeconds':
        if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError('clockSkewSeconds must be a number');
        next.clockSkewSeconds = value;
        break;
      case 'engine':
        if (value !== 'classic' && value !== 'identity-engine') throw new TypeError("engine must be 'classic' or 'identity-engine'");
        next.engine = value;
        break;
      case 'appPolicies':
        // Adds to (or replaces) the policies already set; `{}` changes nothing, a reset restores the start.
        if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new TypeError('appPolicies must be an object');
        for (const [clientId, policy] of Object.entries(value as Record<string, unknown>)) {
          if (!APP_POLICIES.includes(policy as AppPolicy)) throw new TypeError(`appPolicies.${clientId} must be one of ${APP_POLICIES.join(', ')}`);
          next.appPolicies[clientId] = policy as AppPolicy;
        }
        break;
      case 'tamper':
        if (value !== null && !TAMPERS.includes(value as string)) throw new TypeError(`tamper must be null or one of ${TAMPERS.join(', ')}`);
        next.tamper = value as Scenario['tamper'];
        break;
      case 'lifetimes':
        if (value === null || typeof value !== 'object') throw new TypeError('lifetimes must be an object');
        for (const [name, seconds] of Object.entries(value as Record<string, unknown>)) {
          if (typeof seconds !== 'number' || !(seconds > 0)) throw new TypeError(`lifetimes.${name} must be a positive number`);
        }
        next.lifetimes = { ...next.lifetimes, ...(value as Scenario['lifetimes']) };
        break;
      default:
        throw new TypeError(`unknown scenario field "${key}"`);
    }
  }
  return next;
}

function isRateLimit(value: unknown): boolean {
  const candidate = value as { limit?: unknown; windowSeconds?: unknown } | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.limit === 'number' &&
    candidate.limit >= 0 &&
    typeof candidate.windowSeconds === 'number' &&
    candidate.windowSeconds > 0
  );
}

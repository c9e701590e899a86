// Scenario switches: the defaults (an ordinary Classic org) and how partial changes merge in.
import type { Scenario } from '../types.js';

export const DEFAULT_SCENARIO: Scenario = {
  rateLimit: null,
  refreshTokenRotation: true,
  clockSkewSeconds: 0,
  showLockedOut: false,
  engine: 'classic',
  tamper: null,
  lifetimes: {},
};

const TAMPERS = ['state', 'issuer', 'audience', 'signature', 'alg-none', 'expired', 'nonce', 'subject', 'unknown-kid'];

/** Merges `change` into `current`; throws a TypeError naming the first bad field (the control answers 400). */
export function mergeScenario(current: Scenario, change: Partial<Scenario>): Scenario {
  if (change === null || typeof change !== 'object' || Array.isArray(change)) {
    throw new TypeError('scenario must be an object');
  }
  const next: Scenario = { ...current, lifetimes: { ...current.lifetimes } };
  for (const [key, value] of Object.entries(change)) {
    switch (key) {
      case 'rateLimit':
        if (value !== null && !isRateLimit(value)) throw new TypeError('rateLimit must be null or {limit, windowSeconds}');
        next.rateLimit = value as Scenario['rateLimit'];
        break;
      case 'refreshTokenRotation':
      case 'showLockedOut':
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

// What okta-token and okta-token warm share: whole-number flags, and the first stderr line of a failure
// (`okta-token: ERR_…: <what to do>`, the contract scripts and playwright-okta/jest parse).
import { isOktaError } from '../engine/index.js';

/** A non-negative whole number, or undefined when the flag was not given; throws a usage error otherwise. */
export function numberFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new Error(`${name} must be a whole number, 0 or more`);
  return n;
}

export function failure(error: unknown): string {
  if (isOktaError(error)) return `okta-token: ${error.code}: ${error.message}`;
  return `okta-token: ERR_INTERNAL: ${(error as Error)?.message ?? String(error)} (a bug: please report it)`;
}

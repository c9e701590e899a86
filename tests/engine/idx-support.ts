// Helpers for the Identity Engine specs (idx-login, direct-login, login-flow): the scenario of an Identity
// Engine org with an app policy, every credential the emulator issued (to prove none reached an error or
// stderr), and the Identity Engine requests one login made, from the emulator's audit.
import { expect } from '@playwright/test';
import type { AppPolicy, EmulatorHandle } from '../../src/emulator/types.js';
import { isOktaError, type OktaError, type OktaErrorCode } from '../../src/engine/index.js';
import { errorText, secretsIn } from './support.js';

/** An Identity Engine org whose app (demo-spa unless said) has this authentication policy. */
export function identityEngine(emulator: EmulatorHandle, policy: AppPolicy = 'password', clientId = 'demo-spa'): void {
  emulator.setScenario({ engine: 'identity-engine', appPolicies: { [clientId]: policy } });
}

/** Every stateHandle, interaction handle and code, mfa_token, sessionToken, code and token issued so far. */
export function issuedSecrets(emulator: EmulatorHandle): string[] {
  return Object.values(emulator.audit().issued).flat().filter((value) => value.length >= 8);
}

/** `text` holds no configured secret and nothing the emulator issued. */
export function expectNoSecrets(emulator: EmulatorHandle, text: string, extra: string[] = []): void {
  expect(secretsIn(text, [...issuedSecrets(emulator), ...extra])).toEqual([]);
}

/** The caught error is an OktaError with `code`; its whole text (cause chain included) holds no secret. */
export function expectCode(emulator: EmulatorHandle, caught: unknown, code: OktaErrorCode, extra: string[] = []): OktaError {
  expect(isOktaError(caught), errorText(caught)).toBe(true);
  const error = caught as OktaError;
  expect(error.code, error.message).toBe(code);
  expectNoSecrets(emulator, errorText(error), extra);
  return error;
}

/** The IDX requests of the audit from index `since` on, e.g. ["POST /oauth2/default/v1/interact", …]. */
export function idxRequests(emulator: EmulatorHandle, since = 0): string[] {
  return emulator.audit().idx.slice(since).map((r) => r.request);
}

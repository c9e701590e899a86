// Helpers for the Management API tests: plain HTTP with an SSWS token or an org-server access token got
// with the demo service app's published key (private_key_jwt), and the vendored spec examples.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importJWK, SignJWT } from 'jose';
import { TOTP, Secret } from 'otpauth';
import type { EmulatorHandle } from '../../src/emulator/index.js';
import { DEMO_MANAGEMENT_PRIVATE_JWK } from '../../src/emulator/state/demo-management-key.js';
import { PASSWORD, postForm } from './behaviour.helpers.js';
import { wireDir } from './wire-fixtures.js';

export const SSWS = { authorization: 'SSWS 00demo-ssws-token' };
export const MANAGEMENT_CLIENT_ID = 'demo-management';
/** The seed's `Test Users` group (assigned to the demo apps); its id is derived from its name. */
export const TEST_USERS = 'Test Users';

/** An example from Okta's management spec, vendored in okta-wire/management/ (README there names the commit). */
export function specExample(name: string): any {
  return JSON.parse(readFileSync(path.join(wireDir, 'management', `${name}.json`), 'utf8'));
}

/** A client assertion signed with the demo key, for the org server's token endpoint. */
export async function clientAssertion(emu: EmulatorHandle, claims: Record<string, unknown> = {}): Promise<string> {
  const key = await importJWK(DEMO_MANAGEMENT_PRIVATE_JWK, 'RS256');
  return new SignJWT({ jti: randomUUID(), ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: DEMO_MANAGEMENT_PRIVATE_JWK.kid })
    .setIssuer(MANAGEMENT_CLIENT_ID)
    .setSubject(MANAGEMENT_CLIENT_ID)
    .setAudience(`${emu.orgUrl}/oauth2/v1/token`)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key);
}

export async function requestOrgToken(emu: EmulatorHandle, scope: string): Promise<Response> {
  return postForm(`${emu.orgUrl}/oauth2/v1/token`, {
    grant_type: 'client_credentials',
    scope,
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: await clientAssertion(emu),
  });
}

/** `{ authorization: 'Bearer …' }` with an org-server token carrying `scope`. */
export async function bearerFor(emu: EmulatorHandle, scope: string): Promise<Record<string, string>> {
  const res = await requestOrgToken(emu, scope);
  if (res.status !== 200) throw new Error(`org token for ${scope}: ${res.status}`);
  return { authorization: `Bearer ${((await res.json()) as { access_token: string }).access_token}` };
}

export async function call(
  emu: EmulatorHandle,
  method: string,
  pathAndQuery: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  return fetch(`${emu.orgUrl}${pathAndQuery}`, {
    method,
    headers: { accept: 'application/json', ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...SSWS, ...options.headers },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    redirect: 'manual',
  });
}

/** POST /api/v1/users with the demo password (it meets the policy) unless told otherwise. */
export async function createUser(
  emu: EmulatorHandle,
  login: string,
  options: { password?: string | null; groupIds?: string[]; activate?: boolean; headers?: Record<string, string> } = {},
): Promise<Response> {
  const password = options.password === undefined ? PASSWORD : options.password;
  const body: Record<string, unknown> = {
    profile: { firstName: 'Test', lastName: 'User', email: login, login },
    ...(password === null ? {} : { credentials: { password: { value: password } } }),
    ...(options.groupIds ? { groupIds: options.groupIds } : {}),
  };
  const query = options.activate === false ? '?activate=false' : '?activate=true';
  return call(emu, 'POST', `/api/v1/users${query}`, { body, headers: options.headers });
}

export async function createdUser(emu: EmulatorHandle, login: string, options: Parameters<typeof createUser>[2] = {}): Promise<any> {
  const res = await createUser(emu, login, options);
  if (res.status !== 200) throw new Error(`create ${login}: ${res.status} ${await res.text()}`);
  return res.json();
}

export async function groupId(emu: EmulatorHandle, name: string): Promise<string> {
  const groups = (await (await call(emu, 'GET', `/api/v1/groups?q=${encodeURIComponent(name)}`)).json()) as any[];
  const group = groups.find((candidate) => candidate.profile.name === name);
  if (!group) throw new Error(`no group ${name}`);
  return group.id;
}

/** The code of the time step `offsetSteps` from now (the emulator accepts one step either side). */
export function totpCode(secret: string, offsetSteps = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });
}

/** The URLs of a response's Link headers by rel. */
export function links(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (res.headers.get('link') ?? '').split(/,\s*(?=<)/)) {
    const match = /^<([^>]+)>;\s*rel="([^"]+)"/.exec(part.trim());
    if (match) out[match[2]!] = match[1]!;
  }
  return out;
}

// Helpers for the emulator's behaviour tests: plain HTTP against a started emulator, no engine code (the
// emulator must be checked independently of the client that uses it).
import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose';
import { TOTP } from 'otpauth';
import type { EmulatorHandle } from '../../src/emulator/index.js';

export const PASSWORD = 'Passw0rd!';
export const TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
export const SPA = { clientId: 'demo-spa', redirectUri: 'http://localhost:3000/login/callback' };
export const WEB = { clientId: 'demo-web', secret: 'demo-web-secret', redirectUri: 'http://localhost:3000/authorization-code/callback' };
export const SERVICE = { clientId: 'demo-service', secret: 'demo-service-secret' };

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    redirect: 'manual',
  });
}

export async function postForm(url: string, params: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params).toString(),
    redirect: 'manual',
  });
}

export function basic(clientId: string, secret: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` };
}

export async function authn(emu: EmulatorHandle, username: string, password = PASSWORD): Promise<{ status: number; body: any; res: Response }> {
  const res = await postJson(`${emu.orgUrl}/api/v1/authn`, { username, password });
  return { status: res.status, body: await res.json(), res };
}

export async function sessionToken(emu: EmulatorHandle, username = 'alice@example.com'): Promise<string> {
  if (username === 'mfa@example.com') {
    const first = await authn(emu, username);
    const factor = first.body._embedded.factors.find((f: any) => f.factorType === 'token:software:totp');
    const res = await postJson(factor._links.verify.href, { stateToken: first.body.stateToken, passCode: totpNow() });
    return (await res.json()).sessionToken;
  }
  const { body } = await authn(emu, username);
  if (body.status !== 'SUCCESS') throw new Error(`authn for ${username} answered ${body.status ?? body.errorCode}`);
  return body.sessionToken;
}

export function totpNow(): string {
  return new TOTP({ secret: TOTP_SECRET }).generate();
}

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeUrl(base: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) query.set(name, value);
  return `${base}/v1/authorize?${query}`;
}

export async function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { redirect: 'manual', headers });
}

/** The parameters of a redirect's query (or fragment). */
export function redirectParams(res: Response, part: 'query' | 'fragment' = 'query'): URLSearchParams {
  const location = res.headers.get('location');
  if (!location) throw new Error(`expected a redirect, got ${res.status}`);
  const url = new URL(location);
  return part === 'query' ? url.searchParams : new URLSearchParams(url.hash.slice(1));
}

export interface CodeLogin {
  code: string;
  verifier: string;
  sid?: string;
  location: string;
}

/** authn → authorize (code + PKCE, demo-spa by default) → the code from the Location header. */
export async function loginForCode(
  emu: EmulatorHandle,
  options: { username?: string; clientId?: string; redirectUri?: string; scope?: string; nonce?: string; base?: string } = {},
): Promise<CodeLogin> {
  const { verifier, challenge } = pkce();
  const token = await sessionToken(emu, options.username ?? 'alice@example.com');
  const res = await get(
    authorizeUrl(options.base ?? emu.issuer, {
      client_id: options.clientId ?? SPA.clientId,
      redirect_uri: options.redirectUri ?? SPA.redirectUri,
      response_type: 'code',
      scope: options.scope ?? 'openid profile email',
      state: 'state-1',
      nonce: options.nonce,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      sessionToken: token,
    }),
  );
  if (res.status !== 302) throw new Error(`authorize answered ${res.status}`);
  const location = res.headers.get('location')!;
  const code = new URL(location).searchParams.get('code');
  if (!code) throw new Error(`authorize redirected without a code: ${location}`);
  return { code, verifier, sid: sidFrom(res), location };
}

export function sidFrom(res: Response): string | undefined {
  for (const cookie of res.headers.getSetCookie()) {
    const match = /^sid=([^;]+)/.exec(cookie);
    if (match && match[1] !== '""') return match[1];
  }
  return undefined;
}

/** A whole public-client login: tokens for `username` from `base` (the default server unless told). */
export async function loginForTokens(
  emu: EmulatorHandle,
  options: { username?: string; scope?: string; nonce?: string; base?: string } = {},
): Promise<{ status: number; body: any; res: Response }> {
  const base = options.base ?? emu.issuer;
  const login = await loginForCode(emu, { ...options, base });
  const res = await postForm(`${base}/v1/token`, {
    grant_type: 'authorization_code',
    code: login.code,
    redirect_uri: SPA.redirectUri,
    code_verifier: login.verifier,
    client_id: SPA.clientId,
  });
  return { status: res.status, body: await res.json(), res };
}

export function claims(jwt: string): JWTPayload & Record<string, any> {
  return decodeJwt(jwt) as JWTPayload & Record<string, any>;
}

export function header(jwt: string) {
  return decodeProtectedHeader(jwt);
}

/** Okta's API error shape, with the given code. */
export function expectOktaErrorShape(body: any, code: string): void {
  if (
    body?.errorCode !== code ||
    body.errorLink !== code ||
    typeof body.errorSummary !== 'string' ||
    typeof body.errorId !== 'string' ||
    !Array.isArray(body.errorCauses)
  ) {
    throw new Error(`expected Okta error ${code}, got ${JSON.stringify(body)}`);
  }
}

// Helpers for the emulator's Identity Engine tests: plain HTTP the way Okta's IDX SDKs talk (no engine
// code), and the checks every IDX document must pass whatever its step: version, stateHandle on every form,
// relatesTo paths that resolve (okta-auth-js throws on one that does not).
import { expect } from '@playwright/test';
import { startEmulator } from '../../src/emulator/index.js';
import type { EmulatorHandle, Scenario, SeedInput } from '../../src/emulator/types.js';
import { DEMO_SPA, MFA_TOTP_SECRET, PASSWORD, jsonObject, pkcePair, send, totpCode, type WireResponse } from './wire-http.js';

export { DEMO_SPA, MFA_TOTP_SECRET, PASSWORD, jsonObject, pkcePair, send, totpCode, type WireResponse };

export const ION = 'application/ion+json; okta-version=1.0.0';
export const DEMO_DIRECT = { clientId: 'demo-direct', redirectUri: 'http://localhost:3000/login/callback' } as const;
export const MFA_OTP = 'http://auth0.com/oauth/grant-type/mfa-otp';

export type Doc = Record<string, any>;

export function startIdentityEngine(scenario: Partial<Scenario> = {}, seed?: SeedInput): Promise<EmulatorHandle> {
  return startEmulator({ scenario: { engine: 'identity-engine', ...scenario }, seed });
}

export interface Interaction {
  handle: string;
  verifier: string;
  res: WireResponse;
}

/** POST {issuer}/v1/interact as okta-auth-js sends it (form, PKCE S256, state). */
export async function interact(
  base: string,
  options: { clientId?: string; redirectUri?: string; scope?: string; secret?: string; params?: Record<string, string> } = {},
): Promise<Interaction> {
  const { verifier, challenge } = pkcePair();
  const form: Record<string, string> = {
    client_id: options.clientId ?? DEMO_SPA.clientId,
    scope: options.scope ?? 'openid profile email',
    redirect_uri: options.redirectUri ?? DEMO_SPA.redirectUri,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: 'idx-state',
    ...(options.secret ? { client_secret: options.secret } : {}),
    ...options.params,
  };
  const res = await send(`${base}/v1/interact`, { form });
  return { handle: String((res.json as Doc | undefined)?.interaction_handle ?? ''), verifier, res };
}

/** An IDX POST; by default okta-auth-js's headers (JSON body, Accept of the form's `accepts`). */
export function idx(orgUrl: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<WireResponse> {
  return send(`${orgUrl}${path.startsWith('/') ? path : `/idp/idx/${path}`}`, {
    json: body,
    headers: { accept: 'application/json; okta-version=1.0.0', ...headers },
  });
}

/** A remediation form by name (fails the test when the document has none). */
export function remediation(doc: Doc, name: string): Doc {
  const form = (doc.remediation?.value ?? []).find((candidate: Doc) => candidate.name === name);
  expect(form, `remediation ${name} in [${(doc.remediation?.value ?? []).map((f: Doc) => f.name).join(', ')}]`).toBeTruthy();
  return form;
}

export function remediationNames(doc: Doc): string[] {
  return (doc.remediation?.value ?? []).map((form: Doc) => form.name);
}

/** `$.a.b.value[2]`, the JSONPath subset IDX uses. */
export function resolvePath(doc: Doc, path: string): unknown {
  expect(path.startsWith('$.'), `relatesTo ${path} starts at $`).toBe(true);
  let node: unknown = doc;
  for (const part of path.slice(2).split('.')) {
    const match = /^([A-Za-z]+)(?:\[(\d+)\])?$/.exec(part);
    if (!match || node === null || typeof node !== 'object') return undefined;
    node = (node as Doc)[match[1]!];
    if (match[2] !== undefined) node = Array.isArray(node) ? node[Number(match[2])] : undefined;
  }
  return node;
}

/** Every form in the document: remediations, cancel, and the links inside authenticator objects. */
export function allForms(doc: Doc): Doc[] {
  const forms: Doc[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const object = node as Doc;
    if (Array.isArray(object.rel) && typeof object.href === 'string' && object.name !== 'issue') forms.push(object);
    for (const value of Object.values(object)) visit(value);
  };
  visit(doc);
  return forms;
}

/** What okta-auth-js relies on in every IDX document (IDX.md §3 "Hard requirements"). */
export function expectWellFormed(doc: Doc, orgUrl: string, label: string): void {
  expect(doc.version, `${label}: version`).toBe('1.0.0');
  for (const form of allForms(doc)) {
    expect(form.rel, `${label}: ${form.name}.rel`).toEqual(['create-form']);
    expect(form.method, `${label}: ${form.name}.method`).toBe('POST');
    expect(form.href.startsWith(`${orgUrl}/idp/idx/`), `${label}: ${form.name}.href ${form.href} under ${orgUrl}/idp/idx/`).toBe(true);
    expect(form.accepts, `${label}: ${form.name}.accepts`).toBe('application/json; okta-version=1.0.0');
    expect(form.produces, `${label}: ${form.name}.produces`).toBe(ION);
    const hidden = form.value.find((field: Doc) => field.name === 'stateHandle');
    expect(hidden, `${label}: ${form.name} has the stateHandle field`).toEqual({ name: 'stateHandle', required: true, value: doc.stateHandle, visible: false, mutable: false });
  }
  for (const form of doc.remediation?.value ?? []) {
    for (const path of form.relatesTo ?? []) expect(resolvePath(doc, path), `${label}: ${form.name}.relatesTo ${path} resolves`).toBeTruthy();
    for (const field of form.value) {
      for (const option of field.options ?? []) {
        if (option.relatesTo) expect(resolvePath(doc, option.relatesTo), `${label}: option ${option.label} relatesTo ${option.relatesTo} resolves`).toBeTruthy();
      }
    }
  }
}

/** The IDX answer's body, checked for the Content-Type Okta's forms declare (`produces`). */
export function idxBody(res: WireResponse, label: string): Doc {
  expect(res.headers.get('content-type'), `${label}: Content-Type`).toBe(ION);
  return jsonObject(res) as Doc;
}

/** The authenticator id an option of select-authenticator-authenticate posts back, by key. */
export function optionId(doc: Doc, key: string): string {
  const select = remediation(doc, 'select-authenticator-authenticate');
  const options = select.value.find((field: Doc) => field.name === 'authenticator').options as Doc[];
  const option = options.find((candidate) => (resolvePath(doc, candidate.relatesTo) as Doc | undefined)?.key === key);
  expect(option, `an option for ${key}`).toBeTruthy();
  return option!.value.form.value.find((field: Doc) => field.name === 'id').value;
}

export function interactionCode(doc: Doc): string {
  const field = doc.successWithInteractionCode?.value?.find((candidate: Doc) => candidate.name === 'interaction_code');
  expect(field?.value, 'successWithInteractionCode carries an interaction_code').toEqual(expect.any(String));
  return field.value;
}

export interface IdxLogin {
  code: string;
  verifier: string;
  docs: Doc[];
  final: WireResponse;
}

/** A whole identifier-first IDX sign-in (password, then Google Authenticator when asked), up to the code. */
export async function idxLogin(
  emu: EmulatorHandle,
  username: string,
  options: { base?: string; clientId?: string; redirectUri?: string; secret?: string; totp?: string; scope?: string } = {},
): Promise<IdxLogin> {
  const { clientId, redirectUri, secret, scope } = options;
  const started = await interact(options.base ?? emu.issuer, { clientId, redirectUri, secret, scope });
  expect(started.res.status, 'interact').toBe(200);
  const docs: Doc[] = [];
  const step = async (path: string, body: Doc): Promise<WireResponse> => {
    const res = await idx(emu.orgUrl, path, body);
    expect(res.status, `${path} for ${username}`).toBe(200);
    docs.push(idxBody(res, path));
    return res;
  };
  await step('introspect', { interactionHandle: started.handle });
  const stateHandle = docs[0]!.stateHandle as string;
  await step('identify', { identifier: username, stateHandle });
  let last = await step('challenge/answer', { credentials: { passcode: PASSWORD }, stateHandle });
  if (!docs.at(-1)!.successWithInteractionCode) {
    await step('challenge', { authenticator: { id: optionId(docs.at(-1)!, 'google_otp') }, stateHandle });
    last = await step('challenge/answer', { credentials: { passcode: options.totp ?? totpCode() }, stateHandle });
  }
  return { code: interactionCode(docs.at(-1)!), verifier: started.verifier, docs, final: last };
}

/** grant_type=interaction_code, as okta-auth-js redeems it (form body with redirect_uri). */
export function redeem(base: string, code: string, verifier: string, extra: Record<string, string> = {}): Promise<WireResponse> {
  return send(`${base}/v1/token`, {
    form: { grant_type: 'interaction_code', client_id: DEMO_SPA.clientId, redirect_uri: DEMO_SPA.redirectUri, interaction_code: code, code_verifier: verifier, ...extra },
  });
}

/** A TOTP code from the next time step: accepted (one step of drift) even when this step's was spent. */
export function nextTotp(): string {
  return totpCode(MFA_TOTP_SECRET, Date.now() + 30_000);
}

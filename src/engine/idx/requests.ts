// The IDX requests, each a request/process pair (oauth4webapi style): `/v1/interact` (PKCE, form body),
// `/idp/idx/introspect`, and a POST to a remediation form's href. Every request carries the login's own
// cookie jar (Okta's `idx` and `sid` cookies are what a signed-in browser would hold) and never follows
// redirects. stateHandles, interaction handles and passcodes are only ever sent, never put in a message.
import type { CookieJar } from '../cookies.js';
import { OktaError } from '../errors.js';
import { readJson, request, type Step } from '../http.js';
import type { IdxDocument, IdxForm } from './document.js';

/** The content type every IDX SDK sends and accepts (okta-auth-js, Go, Java, Swift). */
export const ION = 'application/ion+json; okta-version=1.0.0';

// The IDX steps, as messages name them.
const STEP = { interact: 'interact', introspect: 'IDX introspect', remediate: (form: string): Step => `IDX ${form}` } as const;

export interface IdxSession {
  orgUrl: string;
  jar: CookieJar;
  timeoutMs?: number | undefined;
}

export interface InteractParams {
  issuer: string;
  clientId: string;
  clientSecret?: string | undefined;
  scopes: string[];
  redirectUri: string;
  codeChallenge: string;
  state: string;
  nonce: string;
}

/** `{issuer}/v1/interact` on a custom server, `{org}/oauth2/v1/interact` on the org server (okta-auth-js's rule). */
export function interactUrl(issuer: string): string {
  return new URL(issuer).pathname.includes('/oauth2') ? `${issuer}/v1/interact` : `${issuer}/oauth2/v1/interact`;
}

export async function interactRequest(session: IdxSession, p: InteractParams): Promise<Response> {
  const body = new URLSearchParams({
    client_id: p.clientId,
    scope: p.scopes.join(' '),
    redirect_uri: p.redirectUri,
    code_challenge: p.codeChallenge,
    code_challenge_method: 'S256',
    state: p.state,
    nonce: p.nonce,
  });
  if (p.clientSecret) body.set('client_secret', p.clientSecret);
  return send(session, STEP.interact, interactUrl(p.issuer), {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
  });
}

export type InteractResult =
  | { ok: true; interactionHandle: string }
  | { ok: false; status: number; error: string; description: string };

export async function processInteractResponse(response: Response): Promise<InteractResult> {
  const body = await json(STEP.interact, response);
  if (response.status === 200 && typeof body.interaction_handle === 'string' && body.interaction_handle) {
    return { ok: true, interactionHandle: body.interaction_handle };
  }
  // Java's fixture spells it errorDescription; Okta and the other SDKs error_description.
  const description = body.error_description ?? body.errorDescription;
  return { ok: false, status: response.status, error: String(body.error ?? `HTTP ${response.status}`), description: typeof description === 'string' ? description : '' };
}

export function introspectRequest(session: IdxSession, interactionHandle: string): Promise<Response> {
  return send(session, STEP.introspect, new URL('/idp/idx/introspect', session.orgUrl).href, {
    method: 'POST',
    headers: { accept: ION, 'content-type': ION },
    body: JSON.stringify({ interactionHandle }),
  });
}

/** POSTs a remediation form: its fixed fields (stateHandle) plus `values`, to its href on the org only. */
export function remediationRequest(session: IdxSession, form: IdxForm, values: Record<string, unknown>, fixed: Record<string, unknown>): Promise<Response> {
  return send(session, STEP.remediate(form.name), formUrl(session, form), {
    method: 'POST',
    // okta-auth-js sends JSON with the form's `accepts` as Accept; the IDX content type is accepted by all.
    headers: { accept: ION, 'content-type': 'application/json' },
    body: JSON.stringify({ ...values, ...fixed }),
  });
}

/** The IDX document of any IDX answer (errors too carry one); the status is kept for classification. */
export async function processIdxResponse(response: Response, what: Step): Promise<{ status: number; doc: IdxDocument }> {
  const doc = await json(what, response) as IdxDocument;
  return { status: response.status, doc };
}

// Passwords and passcodes go only to the org that asked for them: a form pointing elsewhere is refused
// before anything is sent (the same rule as authn's MFA verify link).
function formUrl(session: IdxSession, form: IdxForm): string {
  let url: URL | undefined;
  try {
    url = new URL(form.href, session.orgUrl);
  } catch {
    url = undefined;
  }
  if (url?.origin !== new URL(session.orgUrl).origin) {
    throw new OktaError('ERR_AUTHORIZE', `Okta's Identity Engine pointed the ${form.name} step outside the org ${session.orgUrl}, so nothing was sent. Something other than Okta may be answering: check OKTA_ISSUER and any proxy.`);
  }
  return url.href;
}

async function send(session: IdxSession, name: Step, url: string, init: { method: string; headers: Record<string, string>; body: string }): Promise<Response> {
  const cookie = session.jar.header(url);
  const response = await request(name, url, { ...init, headers: { ...init.headers, ...(cookie ? { cookie } : {}) } }, session.timeoutMs);
  session.jar.store(url, response.headers);
  return response;
}

function json(what: Step, response: Response): Promise<Record<string, unknown>> {
  return readJson(what, response);
}

// An Identity Engine sign-in through IDX, up to the interaction code: interact (PKCE) → introspect →
// identify → (select an authenticator → challenge/answer)… → successWithInteractionCode. Each answer is
// judged before the next request: a failure message ends the login with its code (errors.ts), progress
// picks the next form (remediate.ts). The interaction code is exchanged by login.ts, like a code.
import * as client from 'openid-client';
import type { TotpMemory } from '../authn.js';
import { CookieJar } from '../cookies.js';
import { OktaError } from '../errors.js';
import type { Account, SessionCookie } from '../types.js';
import { interactionCode, userId, type IdxDocument } from './document.js';
import { idxFailure, type IdxErrorContext } from './errors.js';
import { nextAction, type Progress } from './remediate.js';
import { interactRequest, introspectRequest, processIdxResponse, processInteractResponse, remediationRequest, type IdxSession, type InteractParams, type InteractResult } from './requests.js';

export interface IdxLoginParams {
  issuer: string;
  orgUrl: string;
  clientId: string;
  clientSecret?: string | undefined;
  scopes: string[];
  redirectUri: string;
  envPrefix: string;
  timeoutMs?: number | undefined;
}

export interface IdxSignedIn {
  interactionCode: string;
  codeVerifier: string;
  nonce: string;
  /** Okta's session cookies (`idx`, `sid`) as the sign-in left them. */
  cookies: SessionCookie[];
  userId?: string;
}

/** More steps than any policy needs (identify, two authenticators, each select + answer): a loop guard. */
const MAX_STEPS = 8;

export async function idxSignIn(p: IdxLoginParams, account: Account, totp: TotpMemory): Promise<IdxSignedIn> {
  const session: IdxSession = { orgUrl: p.orgUrl, jar: new CookieJar(), timeoutMs: p.timeoutMs };
  const codeVerifier = client.randomPKCECodeVerifier();
  const nonce = client.randomNonce();
  const interact: InteractParams = {
    issuer: p.issuer,
    clientId: p.clientId,
    clientSecret: p.clientSecret,
    scopes: p.scopes,
    redirectUri: p.redirectUri,
    codeChallenge: await client.calculatePKCECodeChallenge(codeVerifier),
    state: client.randomState(),
    nonce,
  };
  const interacted = await processInteractResponse(await interactRequest(session, interact));
  if (!interacted.ok) throw interactError(interacted, p);

  const ctx: IdxErrorContext = { username: account.username, envPrefix: p.envPrefix, clientId: p.clientId, step: 'introspect' };
  let answer = await processIdxResponse(await introspectRequest(session, interacted.interactionHandle), 'IDX introspect');
  const progress: Progress = { identified: false, answered: new Set() };
  for (let steps = 0; ; steps++) {
    const code = interactionCode(answer.doc);
    if (code) return signedIn(code, codeVerifier, nonce, session, answer.doc);
    checkDocument(answer.doc, answer.status, ctx);
    if (steps >= MAX_STEPS) {
      throw new OktaError('ERR_AUTHORIZE', `Okta's Identity Engine was still asking for steps after ${MAX_STEPS} answers for ${account.username}; the app's authentication policy may loop. Check it in the Admin Console.`);
    }
    const next = await nextAction(answer.doc, account, progress, totp, ctx);
    ctx.step = next.form.name;
    answer = await processIdxResponse(await remediationRequest(session, next.form, next.values, next.fixed), `IDX ${next.form.name}`);
  }
}

function checkDocument(doc: IdxDocument, status: number, ctx: IdxErrorContext): void {
  const failure = idxFailure(doc, status, ctx);
  if (failure) throw failure;
  if (doc.version === undefined) {
    throw new OktaError('ERR_AUTHORIZE', `The IDX ${ctx.step} answer (HTTP ${status}) is not an IDX document (no version). Is OKTA_ISSUER an Okta Identity Engine org?`, { status });
  }
  if (status >= 400) {
    throw new OktaError('ERR_AUTHORIZE', `Okta's Identity Engine answered the ${ctx.step} step with HTTP ${status} and no message. Check the user's state and the app's authentication policy.`, { status });
  }
}

function signedIn(code: string, codeVerifier: string, nonce: string, session: IdxSession, doc: IdxDocument): IdxSignedIn {
  const result: IdxSignedIn = { interactionCode: code, codeVerifier, nonce, cookies: session.jar.cookies() };
  const id = userId(doc);
  if (id) result.userId = id;
  return result;
}

function interactError(r: Extract<InteractResult, { ok: false }>, p: IdxLoginParams): OktaError {
  const said = `${r.status} ${r.error}${r.description ? `: "${r.description}"` : ''}`;
  const okta = { status: r.status, oauthError: r.error };
  if ((r.error === 'access_denied' && /not enabled|feature/i.test(r.description)) || r.error === 'unauthorized_client') {
    return new OktaError('ERR_IDX_NOT_ENABLED', `Okta refused the Interaction Code flow (IDX) for ${p.clientId} (${said}). Enable it: Admin Console → Applications → the app → General → Grant type → Interaction Code, and in Security → API → Authorization Servers → the server → Access Policies → the rule → Interaction Code (the org needs Identity Engine). Or set OKTA_LOGIN_FLOW=authn.`, okta);
  }
  if (r.error === 'invalid_client') {
    return new OktaError('ERR_INVALID_CLIENT', `Okta does not accept client ${p.clientId} at /interact (${said}). Check OKTA_CLIENT_ID and, for a confidential app, OKTA_CLIENT_SECRET.`, okta);
  }
  if (/redirect_uri/i.test(r.description)) {
    return new OktaError('ERR_REDIRECT_URI', `Okta refused redirect_uri ${p.redirectUri} at /interact (${said}): it must be one of the app's Sign-in redirect URIs. Add it in the app's General settings or fix OKTA_REDIRECT_URI.`, okta);
  }
  return new OktaError('ERR_AUTHORIZE', `Okta refused /interact for ${p.clientId} (${said}). Check OKTA_SCOPES and the app's grant types.`, okta);
}

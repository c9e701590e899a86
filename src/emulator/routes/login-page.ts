// The hosted sign-in page: GET /login/login.htm?fromURI=… shows the form, POST /login/login.htm checks the
// password (then a TOTP step at POST /login/verify for MFA users), creates the `sid` session and returns to
// fromURI. fromURI must stay on this origin: the page is no open redirector.
import type { Ctx } from '../http/context.js';
import { readForm } from '../http/body.js';
import { setSessionCookies } from '../idx/cookies.js';
import { redirect, sendHtml } from '../http/respond.js';
import { consumeSessionToken, createSession, primaryAuthentication, verifyTotpCode } from '../authn/transactions.js';
import { signedInPage, signInPage, totpPage } from '../pages/sign-in.js';
import type { SessionTokenRecord } from '../state/store.js';
import type { User } from '../state/seed.js';

const UNABLE = 'Unable to sign in';
const WRONG_CODE = "Your code doesn't match our records. Please try again.";

export function getLoginPage(ctx: Ctx): void {
  sendHtml(ctx, 200, signInPage({ fromURI: safeFromUri(ctx, ctx.query.get('fromURI')) ?? '' }));
}

export async function postLoginPage(ctx: Ctx): Promise<void> {
  const form = await readForm(ctx);
  const fromURI = safeFromUri(ctx, form.get('fromURI')) ?? '';
  const username = form.get('username') ?? '';
  const result = primaryAuthentication(ctx.state, username, form.get('password') ?? '');
  switch (result.kind) {
    case 'success':
      return signIn(ctx, result.user, result.sessionToken, fromURI);
    case 'mfa':
      return sendHtml(ctx, 200, totpPage({ fromURI, stateToken: result.transaction.token }));
    case 'password-expired':
      return sendHtml(ctx, 200, signInPage({ fromURI, username, error: 'Your password has expired. Contact your administrator.' }));
    case 'mfa-enroll':
      return sendHtml(ctx, 200, signInPage({ fromURI, username, error: 'Your organization requires you to set up a factor; the emulator cannot enroll one.' }));
    case 'locked':
    case 'failed':
      return sendHtml(ctx, 200, signInPage({ fromURI, username, error: UNABLE }));
  }
}

export async function postVerifyPage(ctx: Ctx): Promise<void> {
  const form = await readForm(ctx);
  const fromURI = safeFromUri(ctx, form.get('fromURI')) ?? '';
  const stateToken = form.get('stateToken') ?? '';
  const result = verifyTotpCode(ctx.state, stateToken, form.get('passCode') ?? '');
  switch (result.kind) {
    case 'success':
      return signIn(ctx, result.user, result.sessionToken, fromURI);
    case 'wrong-code':
      return sendHtml(ctx, 200, totpPage({ fromURI, stateToken, error: WRONG_CODE }));
    case 'reused-code':
      return sendHtml(ctx, 200, totpPage({ fromURI, stateToken, error: 'Each code can only be used once. Please wait for a new code and try again.' }));
    default:
      return sendHtml(ctx, 200, signInPage({ fromURI, error: 'Your session has expired. Please sign in again.' }));
  }
}

function signIn(ctx: Ctx, user: User, sessionToken: SessionTokenRecord, fromURI: string): void {
  const session = createSession(ctx.state, consumeSessionToken(ctx.state, sessionToken.token)!);
  setSessionCookies(ctx, session);
  if (fromURI) return redirect(ctx, `${ctx.state.orgUrl}${fromURI}`);
  sendHtml(ctx, 200, signedInPage(`${user.firstName} ${user.lastName}`));
}

/** The path (with query) of a same-origin fromURI, or undefined for anything that would leave the org. */
export function safeFromUri(ctx: Ctx, fromURI: string | null): string | undefined {
  if (!fromURI) return undefined;
  if (!fromURI.startsWith('/') || fromURI.startsWith('//') || fromURI.includes('\\')) {
    // Absolute URLs are accepted only when they point at this org.
    if (!/^https?:\/\//i.test(fromURI)) return undefined;
  }
  try {
    const url = new URL(fromURI, ctx.state.orgUrl);
    if (url.origin !== ctx.state.orgUrl) return undefined;
    return `${url.pathname}${url.search}`;
  } catch {
    return undefined;
  }
}

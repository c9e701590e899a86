// POST /idp/idx/{introspect, identify, challenge, challenge/answer, cancel} and the links their documents
// carry (polls, resend, recover, enrol). Identity Engine orgs only: a Classic org answers Okta's
// feature-not-enabled error. A missing stateHandle is 400 `api.error.field_required`; an unknown or expired
// one 401 `idx.session.expired` (IDX.md §2).
import type { Ctx } from '../http/context.js';
import { sendOAuthError } from '../http/respond.js';
import { oauthError } from '../lib/errors.js';
import { setIdentityEngineCookies } from '../idx/cookies.js';
import { idxDocument, idxTerminal } from '../idx/document.js';
import { attributeRequest, readIdxBody, recordIdxRequest, sendIdx, withinIdxRateLimit } from '../idx/http.js';
import { IDX_MESSAGES } from '../idx/messages.js';
import { answer, type StepOutcome } from '../idx/outcome.js';
import { challenge, challengeAnswer, identify } from '../idx/steps.js';
import type { IdxTransaction } from '../idx/store.js';
import { restartTransaction, transactionByInteractionHandle, transactionByStateHandle } from '../idx/transactions.js';
import type { User } from '../state/seed.js';

type Body = Record<string, unknown>;
type Step = (ctx: Ctx, tx: IdxTransaction, user: User | undefined, body: Body) => StepOutcome;

export const FEATURE_NOT_ENABLED = 'The requested feature is not enabled in this environment.';

/** Classic orgs have no Identity Engine: sent when the org is not one, and then true. */
export function refusedOnClassic(ctx: Ctx): boolean {
  if (ctx.state.scenario.engine === 'identity-engine') return false;
  sendOAuthError(ctx, oauthError('access_denied', FEATURE_NOT_ENABLED));
  return true;
}

/** Introspect finds the transaction by interaction handle, or (okta-auth-js resuming) by stateToken. */
export async function postIdxIntrospect(ctx: Ctx): Promise<void> {
  if (refusedOnClassic(ctx)) return;
  const body = (await readIdxBody(ctx)) ?? {};
  const entry = recordIdxRequest(ctx);
  const handle = stringOf(body.interactionHandle);
  const stateHandle = stringOf(body.stateToken) ?? stringOf(body.stateHandle);
  if (!handle && !stateHandle) return sendIdx(ctx, 400, idxTerminal(ctx.state, undefined, [IDX_MESSAGES.stateHandleRequired()]));
  const tx = handle ? transactionByInteractionHandle(ctx.state, handle) : transactionByStateHandle(ctx.state, stateHandle);
  if (!tx) return sendIdx(ctx, 401, idxTerminal(ctx.state, undefined, [IDX_MESSAGES.sessionExpired()]));
  const user = tx.userId ? ctx.state.userById(tx.userId) : undefined;
  attributeRequest(tx, entry, user?.login);
  if (!withinIdxRateLimit(ctx, entry, tx)) return;
  sendIdx(ctx, 200, idxDocument(ctx.state, tx));
}

export const postIdentify = stateful((ctx, tx, _user, body) => identify(ctx.state, tx, body));
export const postChallenge = stateful(withUser((ctx, tx, user, body) => challenge(ctx.state, tx, user, body)));
export const postChallengeAnswer = stateful(withUser((ctx, tx, user, body) => challengeAnswer(ctx.state, tx, user, body)));
/** Cancel ends the transaction; the interaction goes on at the identify form with a new stateHandle. */
export const postCancel = stateful((ctx, tx) => answer(ctx.state, restartTransaction(ctx.state, tx)));
/** Okta Verify and email polls, and email's resend: nothing ever arrives, the state stays as it is. */
export const postStay = stateful((ctx, tx) => answer(ctx.state, tx));
/** Recovery and enrolment are not emulated: refused, the transaction stays where it is. */
export const postNotEmulated = stateful((ctx, tx) => answer(ctx.state, tx, 400, { messages: [IDX_MESSAGES.accessDenied()] }));

function stateful(step: Step): (ctx: Ctx) => Promise<void> {
  return async (ctx) => {
    if (refusedOnClassic(ctx)) return;
    const body = await readIdxBody(ctx);
    const entry = recordIdxRequest(ctx);
    const stateHandle = stringOf(body?.stateHandle);
    if (!body || !stateHandle) return sendIdx(ctx, 400, idxTerminal(ctx.state, undefined, [IDX_MESSAGES.stateHandleRequired()]));
    const tx = transactionByStateHandle(ctx.state, stateHandle);
    if (!tx) return sendIdx(ctx, 401, idxTerminal(ctx.state, undefined, [IDX_MESSAGES.sessionExpired()]));
    const user = tx.userId ? ctx.state.userById(tx.userId) : undefined;
    const login = user?.login ?? (tx.step.name === 'identify' ? stringOf(body.identifier) : undefined);
    if (login) entry.login = login.toLowerCase();
    attributeRequest(tx, entry, undefined);
    if (!withinIdxRateLimit(ctx, entry, tx)) return;
    const outcome = step(ctx, tx, user, body);
    const identified = tx.userId ? ctx.state.userById(tx.userId) : undefined;
    attributeRequest(tx, entry, identified?.login);
    if (outcome.session) setIdentityEngineCookies(ctx, outcome.session);
    sendIdx(ctx, outcome.status, outcome.doc);
  };
}

/** Steps that need an identified user: before identify they are refused, the state unchanged. */
function withUser(step: (ctx: Ctx, tx: IdxTransaction, user: User, body: Body) => StepOutcome): Step {
  return (ctx, tx, user, body) => (user ? step(ctx, tx, user, body) : answer(ctx.state, tx, 400, { messages: [IDX_MESSAGES.accessDenied()] }));
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

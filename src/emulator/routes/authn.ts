// POST /api/v1/authn (primary authentication, or resuming a transaction by stateToken),
// POST /api/v1/authn/factors/{factorId}/verify (TOTP, and a push that is never approved),
// POST /api/v1/authn/cancel.
import type { Ctx } from '../http/context.js';
import { readJsonObject, stringField } from '../http/body.js';
import { sendApiError, sendJson } from '../http/respond.js';
import { withinUserRateLimit } from '../middleware/rate-limit.js';
import { liveTransaction, primaryAuthentication, verifyTotpCode } from '../authn/transactions.js';
import { userFactors } from '../authn/factors.js';
import {
  lockedOutBody,
  mfaEnrollBody,
  mfaRequiredBody,
  passwordExpiredBody,
  pushChallengeBody,
  successBody,
} from '../authn/bodies.js';
import type { User } from '../state/seed.js';
import type { StateTokenRecord } from '../state/store.js';

// Okta sends these on authn answers (see TAPE_api_v1_authn_POST_200_*): never cache a credential.
const NO_STORE = { 'Cache-Control': 'no-cache, no-store', Pragma: 'no-cache', Expires: '0' };

export async function postAuthn(ctx: Ctx): Promise<void> {
  const body = await readJsonObject(ctx);
  if (!body) return sendApiError(ctx, 'E0000003');
  const username = stringField(body, 'username');
  const password = stringField(body, 'password');
  const stateToken = stringField(body, 'stateToken');
  if (username === undefined && stateToken !== undefined) return resumeTransaction(ctx, stateToken);
  if (!username || password === undefined) return sendApiError(ctx, 'E0000003');
  const attempt = ctx.state.store.audit.authnAttempt(username);
  if (!withinUserRateLimit(ctx, 'authn', username)) {
    attempt.rateLimited = true;
    return;
  }

  const result = primaryAuthentication(ctx.state, username, password);
  const org = ctx.state.orgUrl;
  switch (result.kind) {
    case 'success':
      return sendJson(ctx, 200, successBody(result.user, result.sessionToken), NO_STORE);
    case 'mfa':
      return sendJson(ctx, 200, mfaRequiredBody(org, result.user, result.transaction, userFactors(result.user)), NO_STORE);
    case 'mfa-enroll':
      return sendJson(ctx, 200, mfaEnrollBody(org, result.user, result.transaction), NO_STORE);
    case 'password-expired':
      return sendJson(ctx, 200, passwordExpiredBody(org, result.user, result.transaction), NO_STORE);
    case 'locked':
      if (ctx.state.scenario.showLockedOut) return sendJson(ctx, 200, lockedOutBody(org), NO_STORE);
      return sendApiError(ctx, 'E0000004');
    case 'failed':
      return sendApiError(ctx, 'E0000004');
  }
}

function resumeTransaction(ctx: Ctx, stateToken: string): void {
  const found = transactionUser(ctx, stateToken);
  if (!found) return sendApiError(ctx, 'E0000011');
  const { transaction, user } = found;
  const org = ctx.state.orgUrl;
  if (transaction.status === 'PASSWORD_EXPIRED') return sendJson(ctx, 200, passwordExpiredBody(org, user, transaction), NO_STORE);
  if (transaction.status === 'MFA_ENROLL') return sendJson(ctx, 200, mfaEnrollBody(org, user, transaction), NO_STORE);
  return sendJson(ctx, 200, mfaRequiredBody(org, user, transaction, userFactors(user)), NO_STORE);
}

export async function postFactorVerify(ctx: Ctx): Promise<void> {
  const body = await readJsonObject(ctx);
  if (!body) return sendApiError(ctx, 'E0000003');
  const found = transactionUser(ctx, stringField(body, 'stateToken'));
  if (!found) return sendApiError(ctx, 'E0000011');
  const { transaction, user } = found;
  if (transaction.status === 'PASSWORD_EXPIRED' || transaction.status === 'MFA_ENROLL') return sendApiError(ctx, 'E0000079');
  const factor = userFactors(user).find((candidate) => candidate.id === ctx.params.factorId);
  if (!factor) return sendApiError(ctx, 'E0000007', { detail: `Resource not found: ${ctx.params.factorId} (UserFactor)` });

  if (factor.factorType === 'push') {
    // The emulated phone never answers: the first verify waits, later polls time out.
    transaction.status = 'MFA_CHALLENGE';
    transaction.pushPolls++;
    const result = transaction.pushPolls === 1 ? 'WAITING' : 'TIMEOUT';
    return sendJson(ctx, 200, pushChallengeBody(ctx.state.orgUrl, user, transaction, factor, result), NO_STORE);
  }

  const passCode = stringField(body, 'passCode');
  if (passCode === undefined) return sendApiError(ctx, 'E0000003');
  const result = verifyTotpCode(ctx.state, transaction.token, passCode);
  switch (result.kind) {
    case 'success':
      return sendJson(ctx, 200, successBody(result.user, result.sessionToken), NO_STORE);
    case 'wrong-code':
      return sendApiError(ctx, 'E0000068', { causes: ["Your passcode doesn't match our records. Please try again."] });
    case 'reused-code':
      return sendApiError(ctx, 'E0000068', { causes: ['Each code can only be used once. Please wait for a new code and try again.'] });
    case 'wrong-state':
      return sendApiError(ctx, 'E0000079');
    case 'invalid-state':
      return sendApiError(ctx, 'E0000011');
  }
}

export async function postAuthnCancel(ctx: Ctx): Promise<void> {
  const body = await readJsonObject(ctx);
  if (!body) return sendApiError(ctx, 'E0000003');
  const transaction = liveTransaction(ctx.state, stringField(body, 'stateToken'));
  if (!transaction) return sendApiError(ctx, 'E0000011');
  ctx.state.store.stateTokens.delete(transaction.token);
  sendJson(ctx, 200, { relayState: '' }, NO_STORE);
}

function transactionUser(ctx: Ctx, stateToken: string | undefined): { transaction: StateTokenRecord; user: User } | undefined {
  const transaction = liveTransaction(ctx.state, stateToken);
  const user = transaction && ctx.state.userById(transaction.userId);
  return transaction && user ? { transaction, user } : undefined;
}

// grant_type=http://auth0.com/oauth/grant-type/mfa-otp: the mfa_token from mfa_required and a TOTP code
// (each accepted once, shared with authn and IDX). The token is spent by success; it lives as long as an
// IDX transaction (idxTransactionSeconds, read when used).
import type { Ctx } from '../http/context.js';
import { oauthError } from '../lib/errors.js';
import { totpStep } from '../authn/totp.js';
import { withinUserRateLimit } from '../middleware/rate-limit.js';
import type { GrantOutcome } from '../oauth/grant-outcome.js';
import { serverKey, type AuthServer } from '../state/emulator-state.js';
import type { Client } from '../state/seed.js';
import { DIRECT_TEXT, missing } from './texts.js';

export async function mfaOtpGrant(ctx: Ctx, server: AuthServer, client: Client, form: URLSearchParams): Promise<GrantOutcome> {
  const entry = ctx.state.store.audit.flowRequest('direct', `${ctx.method} ${ctx.path} (mfa-otp)`);
  const token = form.get('mfa_token');
  if (!token) return { error: oauthError('invalid_request', missing('mfa_token')) };
  const tokens = ctx.state.store.identityEngine.mfaTokens;
  const record = tokens.get(token);
  const live = record && record.createdAt + ctx.state.lifetimes().idxTransactionSeconds * 1000 > Date.now();
  if (record && !live) tokens.delete(token);
  if (!record || !live || record.clientId !== client.clientId || record.serverId !== serverKey(server)) {
    return { error: oauthError('invalid_grant', DIRECT_TEXT.invalidMfaToken) };
  }
  const user = ctx.state.userById(record.userId);
  if (!user?.totpSecret) return { error: oauthError('invalid_grant', DIRECT_TEXT.invalidMfaToken) };
  entry.login = user.login.toLowerCase();
  if (!withinUserRateLimit(ctx, 'token', user.login)) {
    entry.rateLimited = true;
    return { answered: true };
  }
  const step = totpStep(user.totpSecret, form.get('otp') ?? '');
  const last = ctx.state.store.usedTotpSteps.get(user.id);
  if (step === undefined || (last !== undefined && step <= last)) return { error: oauthError('invalid_grant', DIRECT_TEXT.invalidOtp) };
  ctx.state.store.usedTotpSteps.set(user.id, step);
  tokens.delete(token);
  ctx.state.store.lastLogins.set(user.id, Date.now());
  const auth = { userId: user.id, authTime: Math.floor(Date.now() / 1000), amr: ['pwd', 'mfa', 'otp'] };
  return { grant: { server, client, user, auth, scopes: record.scopes } };
}

// grant_type=password on Identity Engine orgs (Direct Authentication, IDX.md §5): the password, then the
// app policy; a second factor the client may answer with `mfa-otp` is 403 `mfa_required` with an mfa_token.
// (Classic orgs have the Resource Owner Password grant too; the emulator's Classic mode does not offer it.)
import type { Ctx } from '../http/context.js';
import { sendNoStoreJson } from '../http/respond.js';
import { OAUTH_TEXT, oauthError } from '../lib/errors.js';
import { randomId } from '../lib/ids.js';
import { nowSeconds } from '../authn/transactions.js';
import { withinUserRateLimit } from '../middleware/rate-limit.js';
import type { GrantOutcome } from '../oauth/grant-outcome.js';
import { parseScopes, unknownScopes } from '../oauth/scopes.js';
import { serverKey, type AuthServer } from '../state/emulator-state.js';
import { MFA_OTP_GRANT, type Client } from '../state/seed.js';
import { appPolicy, secondFactor } from '../idx/policy.js';
import { DIRECT_TEXT, missing } from './texts.js';

export async function passwordGrant(ctx: Ctx, server: AuthServer, client: Client, form: URLSearchParams): Promise<GrantOutcome> {
  const username = form.get('username');
  const password = form.get('password');
  const entry = ctx.state.store.audit.flowRequest('direct', `${ctx.method} ${ctx.path} (password)`, username ?? undefined);
  if (!username) return { error: oauthError('invalid_request', missing('username')) };
  if (password === null) return { error: oauthError('invalid_request', missing('password')) };
  if (!withinUserRateLimit(ctx, 'token', username)) {
    entry.rateLimited = true;
    return { answered: true };
  }
  const scopes = parseScopes(form.get('scope'));
  if (scopes.length === 0) return { error: oauthError('invalid_scope', OAUTH_TEXT.noScopes) };
  if (unknownScopes(server, scopes).length > 0) return { error: oauthError('invalid_scope', OAUTH_TEXT.invalidScope) };

  const user = ctx.state.userByLogin(username);
  // Unknown, locked and wrong password answer alike: Okta does not say which.
  if (!user || user.status === 'LOCKED_OUT' || user.password !== password) return { error: oauthError('invalid_grant', DIRECT_TEXT.invalidCredentials) };
  if (user.status === 'PASSWORD_EXPIRED') return { error: oauthError('invalid_grant', DIRECT_TEXT.passwordExpired) };
  if (!ctx.state.isAssigned(user, client.clientId)) return { error: oauthError('access_denied', OAUTH_TEXT.notAssigned) };

  const auth = { userId: user.id, authTime: nowSeconds(), amr: ['pwd'] };
  const grant = { grant: { server, client, user, auth, scopes } };
  const needed = secondFactor(appPolicy(ctx.state, client.clientId), user);
  switch (needed.kind) {
    case 'none':
      ctx.state.store.lastLogins.set(user.id, Date.now());
      return grant;
    case 'enroll':
      return { error: oauthError('access_denied', DIRECT_TEXT.enrollmentRequired, 403) };
    case 'unsatisfiable':
      return { error: oauthError('access_denied', DIRECT_TEXT.policyDenied, 403) };
    case 'choose': {
      if (!client.grantTypes.includes(MFA_OTP_GRANT) || !needed.keys.includes('google_otp')) {
        return { error: oauthError('access_denied', DIRECT_TEXT.grantDisabledForClient, 403) };
      }
      const token = randomId('', 20);
      ctx.state.store.identityEngine.mfaTokens.set(token, { token, userId: user.id, clientId: client.clientId, serverId: serverKey(server), scopes, createdAt: Date.now() });
      ctx.state.store.audit.record('mfaTokens', token);
      sendNoStoreJson(ctx, 403, { error: 'mfa_required', error_description: DIRECT_TEXT.mfaRequired, mfa_token: token });
      return { answered: true };
    }
  }
}

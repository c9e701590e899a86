// grant_type=interaction_code (IDX.md §1.5): the code from successWithInteractionCode, the client it was
// made for, and the PKCE verifier of the /interact challenge. okta-auth-js posts a form with redirect_uri;
// Okta's Go SDK puts everything in the query string and sends no redirect_uri (token.ts reads either).
import type { Ctx } from '../http/context.js';
import { OAUTH_TEXT, oauthError } from '../lib/errors.js';
import { withinUserRateLimit } from '../middleware/rate-limit.js';
import { serverKey, type AuthServer } from '../state/emulator-state.js';
import type { Client } from '../state/seed.js';
import { liveInteractionCode, spendInteractionCode } from '../idx/transactions.js';
import { isWellFormedPkceValue, s256 } from './pkce.js';
import type { GrantOutcome } from './grant-outcome.js';

export const INTERACTION_CODE_TEXT = {
  invalid: 'The interaction code is invalid or has expired.',
  missing: "The required parameter 'interaction_code' is missing.",
} as const;

export async function interactionCodeGrant(ctx: Ctx, server: AuthServer, client: Client, form: URLSearchParams): Promise<GrantOutcome> {
  const entry = ctx.state.store.audit.flowRequest('idx', `${ctx.method} ${ctx.path} (interaction_code)`);
  const code = form.get('interaction_code');
  if (!code) return { error: oauthError('invalid_request', INTERACTION_CODE_TEXT.missing) };
  const record = liveInteractionCode(ctx.state, code);
  if (!record || record.interaction.serverId !== serverKey(server)) return { error: oauthError('invalid_grant', INTERACTION_CODE_TEXT.invalid) };
  const user = ctx.state.userById(record.userId);
  if (!user) return { error: oauthError('invalid_grant', INTERACTION_CODE_TEXT.invalid) };
  entry.login = user.login.toLowerCase();
  if (!withinUserRateLimit(ctx, 'token', user.login)) {
    entry.rateLimited = true;
    return { answered: true };
  }
  if (record.interaction.clientId !== client.clientId) return { error: oauthError('invalid_grant', OAUTH_TEXT.mismatchedClient) };
  const redirectUri = form.get('redirect_uri');
  if (redirectUri !== null && redirectUri !== record.interaction.redirectUri) return { error: oauthError('invalid_grant', OAUTH_TEXT.mismatchedRedirect) };

  const verifier = form.get('code_verifier');
  if (verifier) ctx.state.store.audit.record('codeVerifiers', verifier);
  if (!verifier) return { error: oauthError('invalid_request', OAUTH_TEXT.pkceVerifierRequired) };
  if (!isWellFormedPkceValue(verifier) || s256(verifier) !== record.interaction.codeChallenge) {
    return { error: oauthError('invalid_grant', OAUTH_TEXT.pkceFailed) };
  }
  spendInteractionCode(ctx.state, code);
  const { scopes, nonce } = record.interaction;
  return { grant: { server, client, user, auth: record, scopes, nonce } };
}

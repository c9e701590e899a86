// What a token grant decides: tokens for a user grant (token.ts mints them), an OAuth error, or an answer
// the grant already sent (a 429, Direct Authentication's mfa_required).
import type { OAuthError } from '../lib/errors.js';
import type { UserGrant } from './tokens.js';

export type GrantOutcome = { grant: UserGrant } | { error: OAuthError } | { answered: true };

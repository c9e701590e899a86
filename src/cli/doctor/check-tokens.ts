// The resulting tokens validate: signatures against the issuer's JWKS, issuer, audience (OKTA_AUDIENCE when
// set), nonce and subject — the engine's own validateTokens, so the doctor's verdict is the login's.
import { decodeJwt } from 'jose';
import type * as oidc from 'openid-client';
import { getJwks } from '../../engine/diagnostics.js';
import { isOktaError } from '../../engine/index.js';
import { validateTokens, type Expectations } from '../../engine/diagnostics.js';
import { describeError, type DoctorContext } from './context.js';

export async function checkTokens(ctx: DoctorContext, tokens: oidc.TokenEndpointResponse, expected: Expectations, label: string): Promise<boolean> {
  const { config, report, server } = ctx;
  const aud = audienceOf(tokens.access_token);
  try {
    await validateTokens(
      { access_token: tokens.access_token, id_token: tokens.id_token },
      expected,
      (refresh) => getJwks(server!.jwks_uri!, config.cacheDir, { refresh, ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}) }),
    );
  } catch (error) {
    if (isOktaError(error, 'ERR_TOKEN_INVALID') && config.audience && aud !== undefined && aud !== config.audience) {
      report.fail(`${label} tokens`, `the access token's audience is ${aud}, not OKTA_AUDIENCE (${config.audience}). Fix: set OKTA_AUDIENCE=${aud}, or point OKTA_ISSUER at the authorization server whose audience is ${config.audience}.`);
    } else {
      report.fail(`${label} tokens`, describeError(error));
    }
    return false;
  }
  const orgServer = !new URL(config.issuer).pathname.startsWith('/oauth2/');
  const what = tokens.id_token ? 'ID and access tokens validate' : 'the access token validates';
  const audience = config.audience ? `audience ${aud} = OKTA_AUDIENCE` : `audience ${aud ?? '(none)'}; set OKTA_AUDIENCE=${aud ?? '…'} to enforce it`;
  report.ok(`${label} tokens`, orgServer
    ? `${what} (issuer ${config.issuer}; an org server's access token is checked by its claims only, its signature is Okta's business).`
    : `${what} (signatures against the issuer's JWKS, issuer ${config.issuer}, ${audience}).`);
  return true;
}

function audienceOf(jwt: string): string | undefined {
  try {
    const aud = decodeJwt(jwt).aud;
    return Array.isArray(aud) ? aud.join(' ') : aud;
  } catch {
    return undefined;
  }
}

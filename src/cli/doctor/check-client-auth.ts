// The client authentication method works: a code exchange with a made-up code, sent with the client's
// configured authentication. Okta authenticates the client before it looks at the code, so `invalid_grant`
// means "client fine, code bad" (what we want) and `invalid_client` means the secret, key or method is
// wrong — or, for a configuration without a secret, that the app is confidential.
import * as oidc from 'openid-client';
import { envPrefix } from '../../engine/diagnostics.js';
import { isOktaError, type Identity } from '../../engine/index.js';
import { clientSettings } from '../../engine/diagnostics.js';
import { chooseAuthMethod, clientConfiguration, exchangeCode } from '../../engine/diagnostics.js';
import { describeError, type DoctorContext } from './context.js';

export async function checkClientAuth(ctx: DoctorContext, identity: Identity): Promise<boolean> {
  const { config, report, server } = ctx;
  const check = `client authentication (${identity.clientId})`;
  const settings = clientSettings(config, identity);
  const method = chooseAuthMethod(settings);
  const state = oidc.randomState();
  const callback = new URL(config.redirectUri);
  callback.searchParams.set('code', 'okta-token-doctor-made-up-code');
  callback.searchParams.set('state', state);
  let outcome: unknown;
  try {
    const client = await clientConfiguration(server!, settings, config.timeoutMs);
    await exchangeCode(client, callback, { codeVerifier: oidc.randomPKCECodeVerifier(), state, nonce: oidc.randomNonce() });
    outcome = 'tokens';
  } catch (error) {
    outcome = error;
  }
  const secretName = identity.clientId === config.clientId ? 'OKTA_CLIENT_SECRET' : `${envPrefix(identity.role)}_CLIENT_SECRET`;
  if (isOktaError(outcome, 'ERR_TOKEN') && outcome.oauthError === 'invalid_grant') {
    const kind = method === 'none' ? 'none (a public client: PKCE protects the code)' : method;
    report.ok(check, `the token endpoint accepts the client's authentication, ${kind}, and refused only the doctor's made-up code, as it should.`);
    return true;
  }
  if (isOktaError(outcome, 'ERR_INVALID_CLIENT')) {
    if (method === 'none') {
      report.fail(check, `the token endpoint wants client authentication from ${identity.clientId} (invalid_client without a secret): the app is confidential. Fix: set ${secretName} (or OKTA_PRIVATE_KEY for private_key_jwt), or make the app a public client (Single-Page App, PKCE).`);
    } else {
      report.fail(check, `the token endpoint refused ${identity.clientId}'s ${method} credentials (invalid_client). Fix: copy the client secret from the app's General tab into ${secretName} (or fix OKTA_PRIVATE_KEY), and set OKTA_CLIENT_AUTH_METHOD if the app uses another method than ${method}.`);
    }
    return false;
  }
  if (isOktaError(outcome, 'ERR_TOKEN') && outcome.oauthError === 'unauthorized_client') {
    report.fail(check, `the app does not allow the Authorization Code grant (unauthorized_client). Fix: tick "Authorization Code" under the app's General → Grant type.`);
    return false;
  }
  report.fail(check, outcome === 'tokens' ? 'the token endpoint issued tokens for a made-up code: this is not an Okta authorization server you can trust.' : describeError(outcome));
  return false;
}

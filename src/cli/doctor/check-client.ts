// The client exists, the redirect URI is registered and PKCE is accepted, learnt from one GET /authorize
// without a sessionToken, in a fresh cookie jar. Okta validates client_id and redirect_uri first and
// answers a problem with either as its 400 HTML page; a request it finds valid goes to the sign-in page
// (a 302 on Classic, a 200 page on Identity Engine). No user is involved and nothing is spent.
import { authorizeRequest, processAuthorizeResponse } from '../../engine/diagnostics.js';
import { envPrefix } from '../../engine/diagnostics.js';
import { isOktaError, type Identity } from '../../engine/index.js';
import { prepareAuthorize } from '../../engine/diagnostics.js';
import { describeError, type DoctorContext } from './context.js';

export interface ClientVerdict {
  /** Okta knows the client_id. */
  known: boolean;
  /** Users of this client can go on to authorize (client, redirect URI and PKCE are fine). */
  usable: boolean;
}

export async function checkClient(ctx: DoctorContext, identity: Identity): Promise<ClientVerdict> {
  const { config, report, server } = ctx;
  const { clientId } = identity;
  const redirectCheck = `redirect URI (${clientId})`;
  const pkceCheck = `PKCE (${clientId})`;
  const s256 = server?.code_challenge_methods_supported?.includes('S256') ?? false;
  const { url, state } = await prepareAuthorize(config, identity, server!);
  let outcome: unknown;
  try {
    await processAuthorizeResponse(await authorizeRequest(url, config.timeoutMs), { clientId, redirectUri: config.redirectUri, responseMode: config.responseMode, state });
    outcome = 'code';
  } catch (error) {
    outcome = error;
  }

  // The sign-in page (Okta's answer to "no credential") or a code: the request itself was valid.
  if (outcome === 'code' || isOktaError(outcome, 'ERR_SESSION_TOKEN_REJECTED')) {
    report.ok(`client ${clientId}`, `exists at ${config.issuer}: /authorize without a sessionToken answered with the sign-in page, not the 400 error page.`);
    report.ok(redirectCheck, `${config.redirectUri} is a registered sign-in redirect URI.`);
    if (s256) report.ok(pkceCheck, 'discovery lists S256 and /authorize took the S256 code_challenge.');
    else report.fail(pkceCheck, "discovery does not list S256 in code_challenge_methods_supported, so PKCE is not accepted. Fix: point OKTA_ISSUER at an Okta authorization server (they all support S256).");
    return { known: true, usable: s256 };
  }
  if (isOktaError(outcome, 'ERR_INVALID_CLIENT')) {
    report.fail(`client ${clientId}`, `Okta does not know client_id ${clientId} at ${config.issuer} (its 400 page: "Invalid value for 'client_id'"). Fix: copy the Client ID from the app's General tab into ${clientVariable(ctx, identity)}, and check that OKTA_ISSUER is the org (and authorization server) the app lives in.`);
    report.skip(redirectCheck, 'not checked: needs a known client.');
    report.skip(pkceCheck, 'not checked: needs a known client.');
    return { known: false, usable: false };
  }
  report.ok(`client ${clientId}`, `exists at ${config.issuer}.`);
  if (isOktaError(outcome, 'ERR_REDIRECT_URI')) {
    report.fail(redirectCheck, `${config.redirectUri} is not a sign-in redirect URI of ${clientId} (Okta's 400 page: "The 'redirect_uri' parameter must be a Login redirect URI"). Fix: add it, byte for byte, to the app's Sign-in redirect URIs, or set OKTA_REDIRECT_URI to one that is listed there.`);
    report.skip(pkceCheck, 'not checked: needs a registered redirect URI.');
    return { known: true, usable: false };
  }
  report.ok(redirectCheck, `${config.redirectUri} is a registered sign-in redirect URI.`);
  // A redirected error: Okta accepted client and redirect URI, then refused something else.
  const said = isOktaError(outcome) && outcome.oauthError ? outcome.oauthError : undefined;
  if (said === 'invalid_request') {
    report.fail(pkceCheck, `/authorize refused the request (invalid_request): ${describeError(outcome)} Fix: the app must allow PKCE with S256 (Okta apps do; check that OKTA_ISSUER is an Okta authorization server).`);
  } else if (said === 'unsupported_response_type') {
    report.fail(`grant types (${clientId})`, 'the app does not allow the Authorization Code grant (/authorize answered unsupported_response_type). Fix: tick "Authorization Code" under the app\'s General → Grant type.');
  } else if (said === 'invalid_scope') {
    report.fail(`scopes (${clientId})`, `/authorize refused the scopes ${identity.scopes.join(' ')} (invalid_scope): the authorization server does not define one of them. Fix: remove it from OKTA_SCOPES or add it under Security → API → the authorization server → Scopes.`);
  } else {
    report.fail(`authorize (${clientId})`, describeError(outcome));
  }
  return { known: true, usable: false };
}

function clientVariable(ctx: DoctorContext, identity: Identity): string {
  return identity.clientId === ctx.config.clientId ? 'OKTA_CLIENT_ID' : `${envPrefix(identity.role)}_CLIENT_ID`;
}

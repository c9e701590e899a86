// The route table: every endpoint the emulator answers, custom-server and org-server variants side by side.
import { Router } from '../http/router.js';
import { postAuthn, postAuthnCancel, postFactorVerify } from './authn.js';
import { getAuthorize } from './authorize.js';
import { deleteFaults, getAudit, getScenario, getStats, postFaults, postReset, postScenario } from './controls.js';
import { getOAuthServerMetadata, getOktaOrganization, getOpenIdConfiguration } from './discovery.js';
import { getKeys } from './keys.js';
import { getLoginPage, postLoginPage, postVerifyPage } from './login-page.js';
import { getLogout } from './logout.js';
import { postCancel, postChallenge, postChallengeAnswer, postIdentify, postIdxIntrospect, postNotEmulated, postStay } from './idx.js';
import { postInteract } from './idx-interact.js';
import { postIntrospect, postRevoke } from './revoke-introspect.js';
import { deleteSessionMe, getSessionCookieRedirect, getSessionMe, postSession, refreshSessionMe } from './sessions.js';
import { postToken } from './token.js';
import { userinfo } from './userinfo.js';
import { getUser, getUserMe } from './users.js';
import { addManagementRoutes } from '../management/routes.js';

export function createRouter(): Router {
  const router = new Router();

  router
    .add('POST', '/api/v1/authn', postAuthn)
    .add('POST', '/api/v1/authn/factors/:factorId/verify', postFactorVerify)
    .add('POST', '/api/v1/authn/cancel', postAuthnCancel)
    .add('POST', '/api/v1/sessions', postSession)
    .add('GET', '/api/v1/sessions/me', getSessionMe)
    .add('DELETE', '/api/v1/sessions/me', deleteSessionMe)
    .add('POST', '/api/v1/sessions/me/lifecycle/refresh', refreshSessionMe)
    .add('GET', '/api/v1/users/me', getUserMe)
    .add('GET', '/api/v1/users/:id', getUser);
  addManagementRoutes(router);

  // Each OAuth endpoint exists for a custom server (/oauth2/{server}/v1/…) and the org server (/oauth2/v1/…).
  for (const base of ['/oauth2/:server/v1', '/oauth2/v1']) {
    router
      .add('GET', `${base}/authorize`, getAuthorize)
      .add('POST', `${base}/token`, postToken)
      .add('POST', `${base}/interact`, postInteract)
      .add('GET', `${base}/keys`, getKeys)
      .add('GET', `${base}/userinfo`, userinfo)
      .add('POST', `${base}/userinfo`, userinfo)
      .add('POST', `${base}/revoke`, postRevoke)
      .add('POST', `${base}/introspect`, postIntrospect)
      .add('GET', `${base}/logout`, getLogout);
  }
  for (const base of ['/oauth2/:server', '']) {
    router
      .add('GET', `${base}/.well-known/openid-configuration`, getOpenIdConfiguration)
      .add('GET', `${base}/.well-known/oauth-authorization-server`, getOAuthServerMetadata);
  }
  router.add('GET', '/.well-known/okta-organization', getOktaOrganization);

  // Identity Engine's IDX API (Identity Engine orgs only; Classic answers feature-not-enabled).
  router
    .add('POST', '/idp/idx/introspect', postIdxIntrospect)
    .add('POST', '/idp/idx/identify', postIdentify)
    .add('POST', '/idp/idx/challenge', postChallenge)
    .add('POST', '/idp/idx/challenge/answer', postChallengeAnswer)
    .add('POST', '/idp/idx/cancel', postCancel)
    .add('POST', '/idp/idx/authenticators/poll', postStay)
    .add('POST', '/idp/idx/challenge/poll', postStay)
    .add('POST', '/idp/idx/challenge/resend', postStay)
    .add('POST', '/idp/idx/recover', postNotEmulated)
    .add('POST', '/idp/idx/credential/enroll', postNotEmulated);

  router
    .add('GET', '/login/login.htm', getLoginPage)
    .add('POST', '/login/login.htm', postLoginPage)
    .add('POST', '/login/verify', postVerifyPage)
    .add('GET', '/login/sessionCookieRedirect', getSessionCookieRedirect);

  router
    .add('GET', '/__emulator/stats', getStats)
    .add('GET', '/__emulator/audit', getAudit)
    .add('POST', '/__emulator/faults', postFaults)
    .add('DELETE', '/__emulator/faults', deleteFaults)
    .add('POST', '/__emulator/reset', postReset)
    .add('GET', '/__emulator/scenario', getScenario)
    .add('POST', '/__emulator/scenario', postScenario);

  return router;
}

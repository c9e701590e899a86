// The engine's second public entry: the single steps of a login, for `okta-token doctor`, which runs them
// one at a time to say which one fails and why. Tests and users who only want tokens need index.ts alone.
export { answerMfa, authnRequest, describeFactors, processAuthnResponse, type AuthnContext, type AuthnSuccess, type TotpMemory } from './authn.js';
export { authorizeRequest, processAuthorizeResponse } from './authorize.js';
export { cacheEntry, lastTotpStep, recalledFailure, saveTotpStep } from './cache.js';
export { envPrefix, isLoopback, readEnv } from './config.js';
export { fetchServerMetadata, getJwks, type ServerMetadata } from './discovery-cache.js';
export { findOktaError, safeUrl } from './errors.js';
export { DEFAULT_TIMEOUT_MS } from './http.js';
export { authorizeWithSessionToken, clientSettings, prepareAuthorize } from './login.js';
export { organizationRequest, processOrganizationResponse, type OktaOrganization } from './organization.js';
export { chooseAuthMethod, clientConfiguration, clientCredentialsGrant, exchangeCode } from './token.js';
export { validateTokens, type Expectations } from './validate.js';
// The Identity Engine flows, for the doctor's per-identity check of the flow each one uses.
export { directSignIn } from './direct.js';
export { flowFor, type ChosenFlow, type FlowChoice } from './idx/choose-flow.js';
export { genericGrant, idxSignIn, type IdxSignedIn } from './idx/index.js';
export { explainStepUp, idxTokens } from './login.js';

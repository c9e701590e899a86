// Discovery: /.well-known/openid-configuration and /.well-known/oauth-authorization-server for the org
// server (at the root) and each custom server (under /oauth2/{id}); /.well-known/okta-organization.
import type { Ctx } from '../http/context.js';
import { sendJson } from '../http/respond.js';
import { resolveServer } from '../oauth/servers.js';
import { serverScopes } from '../oauth/scopes.js';
import type { AuthServer } from '../state/emulator-state.js';
import { MFA_OTP_GRANT } from '../state/seed.js';

const AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none'];

function metadata(ctx: Ctx, server: AuthServer, kind: 'openid' | 'oauth'): Record<string, unknown> {
  const base = server.endpointBase;
  const doc: Record<string, unknown> = {
    issuer: server.issuer,
    authorization_endpoint: `${base}/authorize`,
    token_endpoint: `${base}/token`,
    userinfo_endpoint: `${base}/userinfo`,
    registration_endpoint: `${ctx.state.orgUrl}/oauth2/v1/clients`,
    jwks_uri: `${base}/keys`,
    response_types_supported: ['code', 'id_token', 'code id_token', 'code token', 'id_token token', 'code id_token token', 'token'],
    response_modes_supported: ['query', 'fragment', 'form_post', 'okta_post_message'],
    grant_types_supported: [
      ...(server.id === null ? ['authorization_code', 'implicit', 'refresh_token'] : ['authorization_code', 'implicit', 'refresh_token', 'client_credentials']),
      // Identity Engine orgs add the Interaction Code grant and Direct Authentication's grants.
      ...(ctx.state.scenario.engine === 'identity-engine' ? ['password', 'interaction_code', MFA_OTP_GRANT] : []),
    ],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: serverScopes(server),
    token_endpoint_auth_methods_supported: AUTH_METHODS,
    claims_supported:
      kind === 'oauth'
        ? ['ver', 'jti', 'iss', 'aud', 'iat', 'exp', 'cid', 'uid', 'scp', 'sub']
        : ['iss', 'ver', 'sub', 'aud', 'iat', 'exp', 'jti', 'auth_time', 'amr', 'idp', 'nonce', 'name', 'preferred_username', 'given_name', 'family_name', 'email', 'email_verified', 'zoneinfo', 'locale', 'updated_at', 'at_hash'],
    code_challenge_methods_supported: ['S256'],
    introspection_endpoint: `${base}/introspect`,
    introspection_endpoint_auth_methods_supported: AUTH_METHODS,
    revocation_endpoint: `${base}/revoke`,
    revocation_endpoint_auth_methods_supported: AUTH_METHODS,
    end_session_endpoint: `${base}/logout`,
    request_parameter_supported: false,
  };
  if (kind === 'oauth') {
    delete doc.userinfo_endpoint;
    delete doc.id_token_signing_alg_values_supported;
  }
  return doc;
}

export function getOpenIdConfiguration(ctx: Ctx): void {
  const server = resolveServer(ctx);
  if (server) sendJson(ctx, 200, metadata(ctx, server, 'openid'));
}

export function getOAuthServerMetadata(ctx: Ctx): void {
  const server = resolveServer(ctx);
  if (server) sendJson(ctx, 200, metadata(ctx, server, 'oauth'));
}

export function getOktaOrganization(ctx: Ctx): void {
  // Classic orgs answer pipeline v1, Identity Engine orgs idx: it follows the scenario's engine switch.
  const pipeline = ctx.state.scenario.engine === 'identity-engine' ? 'idx' : 'v1';
  sendJson(ctx, 200, { id: ctx.state.orgId, pipeline, _links: { organization: { href: ctx.state.orgUrl } } });
}

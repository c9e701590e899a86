// Client authentication at /token, /revoke and /introspect: none (public clients name themselves),
// client_secret_basic, client_secret_post, and private_key_jwt checked against the client's seeded JWKS.
import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from 'jose';
import type { Ctx } from '../http/context.js';
import type { Client } from '../state/seed.js';
import { OAUTH_TEXT, oauthError, type OAuthError } from '../lib/errors.js';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Okta refuses assertions that expire more than an hour ahead. */
const MAX_ASSERTION_LIFETIME_S = 3600;

export type ClientAuthResult = { client: Client; method: string } | { error: OAuthError };

/** `endpointUrl` is the URL invoked: a private_key_jwt assertion's `aud` must be exactly it. */
export async function authenticateClient(ctx: Ctx, form: URLSearchParams, endpointUrl: string): Promise<ClientAuthResult> {
  const basic = parseBasic(ctx.req.headers.authorization);
  const postSecret = form.get('client_secret');
  const assertion = form.get('client_assertion');
  const formClientId = form.get('client_id');
  const presented = [basic !== undefined, postSecret !== null, assertion !== null].filter(Boolean).length;
  if (presented > 1) return { error: oauthError('invalid_request', OAUTH_TEXT.multipleCredentials, 401) };

  if (basic === 'malformed') {
    return { error: oauthError('invalid_client', 'Found Authentication header but was not valid client credentials.') };
  }
  if (basic && basic.secret === '') {
    // okta-auth-js revokes with `Basic base64(clientId)` for public clients; Okta accepts that as `none`.
    const client = ctx.state.client(basic.clientId);
    if (client?.tokenEndpointAuthMethod === 'none' && (formClientId === null || formClientId === basic.clientId)) {
      return { client, method: 'none' };
    }
    return { error: oauthError('invalid_client', OAUTH_TEXT.clientAuthFailed) };
  }
  if (basic) return checkSecret(ctx, basic.clientId, basic.secret, formClientId, 'client_secret_basic');
  if (postSecret !== null) return checkSecret(ctx, formClientId ?? '', postSecret, formClientId, 'client_secret_post');
  if (assertion !== null) return checkAssertion(ctx, form, assertion, endpointUrl);

  if (!formClientId) return { error: oauthError('invalid_client', OAUTH_TEXT.noClientCredentials) };
  const client = ctx.state.client(formClientId);
  if (!client) return { error: oauthError('invalid_client', OAUTH_TEXT.invalidClientId) };
  if (client.tokenEndpointAuthMethod !== 'none') {
    return { error: oauthError('invalid_client', OAUTH_TEXT.noClientCredentials) };
  }
  return { client, method: 'none' };
}

function checkSecret(
  ctx: Ctx,
  clientId: string,
  secret: string,
  formClientId: string | null,
  method: string,
): ClientAuthResult {
  const client = ctx.state.client(clientId);
  if (!client || (formClientId !== null && formClientId !== clientId)) {
    return { error: oauthError('invalid_client', OAUTH_TEXT.clientAuthFailed) };
  }
  if (!client.clientSecret || client.tokenEndpointAuthMethod === 'private_key_jwt' || client.tokenEndpointAuthMethod === 'none') {
    return { error: oauthError('invalid_client', OAUTH_TEXT.clientAuthFailed) };
  }
  if (client.clientSecret !== secret) return { error: oauthError('invalid_client', OAUTH_TEXT.invalidSecret) };
  return { client, method };
}

async function checkAssertion(ctx: Ctx, form: URLSearchParams, assertion: string, endpointUrl: string): Promise<ClientAuthResult> {
  const fail = (description: string): ClientAuthResult => ({ error: oauthError('invalid_client', description) });
  if (form.get('client_assertion_type') !== JWT_BEARER) {
    return { error: oauthError('invalid_request', "The 'client_assertion_type' parameter must be 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'.") };
  }
  let claims: ReturnType<typeof decodeJwt>;
  try {
    claims = decodeJwt(assertion);
  } catch {
    return fail('The parsing of the client_assertion failed.');
  }
  const client = ctx.state.client(typeof claims.iss === 'string' ? claims.iss : undefined);
  if (!client) return fail('The issuer claim for client_assertion is not a valid client_id.');
  const formClientId = form.get('client_id');
  if (formClientId !== null && formClientId !== client.clientId) return fail(OAUTH_TEXT.clientAuthFailed);
  if (claims.sub !== client.clientId) return fail('The subject claim for client_assertion is not a valid client_id.');
  if (!client.jwks?.keys?.length) return fail('The client does not have a JWKSet configured, but the client_assertion requires one.');
  if (typeof claims.exp !== 'number') return fail("The client_assertion must contain the 'exp' claim as seconds since epoch.");
  if (claims.exp > Date.now() / 1000 + MAX_ASSERTION_LIFETIME_S) {
    return fail('The client_assertion token has an expiration too far into the future.');
  }
  try {
    await jwtVerify(assertion, createLocalJWKSet(client.jwks as JSONWebKeySet), {
      issuer: client.clientId,
      subject: client.clientId,
      audience: endpointUrl,
      clockTolerance: 5,
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_JWT_EXPIRED') return fail('The client_assertion token is expired.');
    if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && (error as { claim?: string }).claim === 'aud') {
      return fail('The audience claim for client_assertion must be the endpoint invoked for the request.');
    }
    return fail('The client_assertion signature is invalid.');
  }
  if (typeof claims.jti !== 'string' || claims.jti === '') return fail('The client_assertion token must carry a jti.');
  const now = Date.now();
  for (const [jti, expiresAt] of ctx.state.store.usedAssertions) if (expiresAt < now) ctx.state.store.usedAssertions.delete(jti);
  const replayKey = `${client.clientId}:${claims.jti}`;
  if (ctx.state.store.usedAssertions.has(replayKey)) return fail('The client_assertion token has already been used.');
  ctx.state.store.usedAssertions.set(replayKey, claims.exp * 1000);
  return { client, method: 'private_key_jwt' };
}

function parseBasic(header: string | undefined): { clientId: string; secret: string } | 'malformed' | undefined {
  if (!header) return undefined;
  const match = /^Basic\s+(\S+)$/i.exec(header.trim());
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  let colon = decoded.indexOf(':');
  if (colon === 0 || decoded === '') return 'malformed';
  if (colon < 0) colon = decoded.length; // a client id alone: a public client naming itself
  // RFC 6749 §2.3.1: both halves are form-urlencoded before base64.
  try {
    return {
      clientId: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')),
      secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')),
    };
  } catch {
    return 'malformed';
  }
}

// An access token with Okta scopes from the org authorization server ({org}/oauth2/v1/token), for a service
// app that authenticates with private_key_jwt: the only client authentication Okta allows for Okta scopes.
// The assertion is signed here with jose (aud = the token endpoint, iss = sub = the client id, five
// minutes of life, a fresh jti); the token is kept in memory only and asked for again near its expiry.
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { OktaError } from '../engine/index.js';
import type { ManagementCredential } from './credential.js';
import { send } from './send.js';

type KeyCredential = Extract<ManagementCredential, { kind: 'private_key_jwt' }>;

/** What provisioning and the sweep need, nothing more (okta.groups.read resolves group names). */
export const MANAGEMENT_SCOPES = ['okta.users.manage', 'okta.groups.read'];

export class OrgToken {
  private token: { value: string; expiresAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly orgUrl: string,
    private readonly credential: KeyCredential,
    private readonly count: () => void,
  ) {}

  /** A token with a minute of life left, one request for all callers waiting on it. */
  async get(): Promise<string> {
    if (this.token && this.token.expiresAt - Date.now() > 60_000) return this.token.value;
    this.pending ??= this.request().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** After Okta refused the token (revoked, or the emulator restarted): the next call asks for a new one. */
  forget(): void {
    this.token = undefined;
  }

  private async request(): Promise<string> {
    const endpoint = `${this.orgUrl}/oauth2/v1/token`;
    const now = Math.floor(Date.now() / 1000);
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: this.credential.alg, ...(this.credential.kid ? { kid: this.credential.kid } : {}) })
      .setIssuer(this.credential.clientId)
      .setSubject(this.credential.clientId)
      .setAudience(endpoint)
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .setJti(randomUUID())
      .sign(this.credential.key);
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      scope: MANAGEMENT_SCOPES.join(' '),
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    });
    this.count();
    const response = await send(endpoint, { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' }, body });
    const json = (await response.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown };
    if (response.ok && typeof json.access_token === 'string') {
      const ttl = typeof json.expires_in === 'number' ? json.expires_in : 3600;
      this.token = { value: json.access_token, expiresAt: Date.now() + ttl * 1000 };
      return json.access_token;
    }
    if (response.status === 429) {
      throw new OktaError('ERR_RATE_LIMITED', `Okta rate-limited the org token request of the service app ${this.credential.clientId}. Wait a minute and run again.`, { status: 429 });
    }
    throw tokenError(this.credential.clientId, response.status, json);
  }
}

function tokenError(clientId: string, status: number, json: { error?: unknown; error_description?: unknown }): OktaError {
  const error = typeof json.error === 'string' ? json.error : `HTTP ${status}`;
  // Okta's descriptions name the client, scopes and claims, never the assertion itself.
  const said = typeof json.error_description === 'string' ? `${error}: ${json.error_description}` : error;
  const options = { status, ...(typeof json.error === 'string' ? { oauthError: json.error } : {}) };
  if (error === 'invalid_scope') {
    return new OktaError('ERR_MANAGEMENT_SCOPE', `The org authorization server would not grant the service app ${clientId} the scopes ${MANAGEMENT_SCOPES.join(' ')} (${said}). Grant them on its "Okta API Scopes" tab.`, options);
  }
  if (error === 'invalid_dpop_proof' || error === 'use_dpop_nonce') {
    return new OktaError('ERR_MANAGEMENT_AUTH', `The service app ${clientId} requires DPoP (${said}), which playwright-okta does not send: turn off "Require Demonstrating Proof of Possession" for it.`, options);
  }
  return new OktaError('ERR_MANAGEMENT_AUTH', `Okta refused the management credential of the service app ${clientId} (${said}). Check OKTA_MANAGEMENT_CLIENT_ID, that OKTA_MANAGEMENT_PRIVATE_KEY is the private half of a key registered on the app (client authentication: public key / private key), and OKTA_MANAGEMENT_KEY_ID when it has several.`, options);
}

// Okta's Management API errors turned into the engine's coded errors, each saying what to do. Okta answers
// `{errorCode, errorSummary, errorCauses: [{errorSummary}]}`; the causes name the field ("password: …",
// "login: …") and, for a password, the policy's rule. Messages never carry a request body: it holds the
// generated password. They are built from Okta's summaries, which are scrubbed of the given secrets anyway.
import { OktaError } from '../engine/index.js';
import { PASSWORD_LENGTH } from './password.js';

export interface OktaApiError {
  errorCode?: string;
  errorSummary?: string;
  errorCauses?: Array<{ errorSummary?: string }>;
}

export interface FailedCall {
  method: string;
  /** The path without the query. */
  path: string;
  /** What the call was for, for the message ("create the user x@example.com"). */
  what: string;
  /** The Okta scope the call needs. */
  scope: string;
  status: number;
  body: OktaApiError;
  /** `www-authenticate` (Okta names a missing scope there for OAuth tokens). */
  authenticate: string | null;
  credential: 'ssws' | 'private_key_jwt';
  /** Values that must not appear in the message even if Okta echoed them. */
  secrets: string[];
}

export function managementError(call: FailedCall): OktaError {
  const summary = scrub(describe(call.body), call.secrets);
  const options = { status: call.status, ...(call.body.errorCode ? { oktaErrorCode: call.body.errorCode } : {}) };
  const causes = (call.body.errorCauses ?? []).map((cause) => cause.errorSummary ?? '').filter(Boolean);
  if (call.status === 401) {
    const which = call.credential === 'ssws' ? 'OKTA_API_TOKEN (an SSWS token: revoked, expired, or from another org?)' : 'the service app\'s access token';
    return new OktaError('ERR_MANAGEMENT_AUTH', `Okta refused ${which} when asked to ${call.what} (${summary}).`, options);
  }
  if (call.status === 403) {
    const fix = call.credential === 'ssws'
      ? 'give the API token\'s admin an admin role that may manage users of the test-users group'
      : `grant the service app the scope ${call.scope} (Okta API Scopes tab) and an admin role that covers it (e.g. a custom role on a test-users group)`;
    return new OktaError('ERR_MANAGEMENT_SCOPE', `The management credential may not ${call.what} (${summary}${call.authenticate?.includes('insufficient_scope') ? '; insufficient_scope' : ''}): ${fix}.`, options);
  }
  if (call.status === 400 && call.body.errorCode === 'E0000001') {
    const password = causes.find((cause) => cause.startsWith('password:'));
    if (password) {
      return new OktaError('ERR_PROVISION_PASSWORD', `Okta's password policy refused the generated password for ${call.what.replace(/^create the user /, '')}: ${scrub(password, call.secrets)} The generated password is ${PASSWORD_LENGTH} random characters with lower and upper case, digits and symbols: make the password policy of the test users' group accept such a password.`, options);
    }
    const login = causes.find((cause) => cause.startsWith('login:') && /already exists/i.test(cause));
    if (login) {
      return new OktaError('ERR_PROVISION_DUPLICATE', `Could not ${call.what}: that login already exists (${scrub(login, call.secrets)}). An earlier run with the same run id left it: remove it with \`npx okta-token users sweep --older-than 0m\`, or give this run another id (OKTA_PROVISION_RUN_ID).`, options);
    }
  }
  return new OktaError('ERR_MANAGEMENT_API', `The Management API would not ${call.what}: ${call.method} ${call.path} answered ${call.status} (${summary}).`, options);
}

function describe(body: OktaApiError): string {
  const causes = (body.errorCauses ?? []).map((cause) => cause.errorSummary).filter(Boolean);
  const head = [body.errorCode, body.errorSummary].filter(Boolean).join(' ') || 'no Okta error body';
  return causes.length ? `${head}: ${causes.join('; ')}` : head;
}

export function scrub(text: string, secrets: string[]): string {
  return secrets.filter((secret) => secret.length >= 4).reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}

// A TOTP factor for a test user (OKTA_<ROLE>_MFA=totp): enrol `token:software:totp` (Okta answers the
// shared secret), then activate it with a code computed from that secret. Okta refuses a code twice in the
// same 30 s step (PASSCODE_REPLAYED), so the run's first login must come in a later step:
// `afterTotpStep` waits for the clock to pass that boundary.
import * as OTPAuth from 'otpauth';
import { OktaError } from '../engine/index.js';
import type { ManagementClient } from './management-client.js';

const PERIOD_SECONDS = 30;

/** Enrols and activates; resolves to the base32 secret and the time step whose code was spent. */
export async function enrolTotp(client: ManagementClient, userId: string, login: string): Promise<{ secret: string; step: number }> {
  const user = encodeURIComponent(userId);
  const { json } = await client.call({
    method: 'POST',
    path: `/api/v1/users/${user}/factors`,
    body: { factorType: 'token:software:totp', provider: 'GOOGLE' },
    what: `enrol a TOTP factor for ${login}`,
    scope: 'okta.users.manage',
  });
  const factor = json as { id?: string; _embedded?: { activation?: { sharedSecret?: string } } };
  const secret = factor._embedded?.activation?.sharedSecret;
  if (!factor.id || !secret) {
    throw new OktaError('ERR_MANAGEMENT_API', `Enrolling a TOTP factor for ${login} did not return the factor's shared secret: is token:software:totp (Google Authenticator) in the authenticator enrollment policy of the test users' group?`);
  }
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS });
  const step = totp.counter();
  const passCode = totp.generate({ timestamp: step * PERIOD_SECONDS * 1000 });
  await client.call({
    method: 'POST',
    path: `/api/v1/users/${user}/factors/${encodeURIComponent(factor.id)}/lifecycle/activate`,
    body: { passCode },
    what: `activate the TOTP factor of ${login}`,
    scope: 'okta.users.manage',
    secrets: [secret, passCode],
  });
  return { secret, step };
}

/** Resolves once the clock is past time step `step` (a condition on the clock, not a fixed sleep). */
export async function afterTotpStep(step: number): Promise<void> {
  for (let now = Date.now(); Math.floor(now / 1000 / PERIOD_SECONDS) <= step; now = Date.now()) {
    await new Promise((resolve) => setTimeout(resolve, (step + 1) * PERIOD_SECONDS * 1000 - now + 20));
  }
}

// Each identity authenticates: ONE POST /api/v1/authn per account, never retried (retried bad passwords
// lock accounts), then the MFA challenge when Okta asks for one, answered only from the configured TOTP
// secret. The TOTP step is shared with the engine's cache companion file, because Okta accepts each code once.
import { answerMfa, authnRequest, describeFactors, processAuthnResponse, type AuthnContext, type AuthnSuccess, type TotpMemory } from '../../engine/diagnostics.js';
import { cacheEntry, lastTotpStep, saveTotpStep } from '../../engine/diagnostics.js';
import { envPrefix } from '../../engine/diagnostics.js';
import { isOktaError, type Account, type Identity } from '../../engine/index.js';
import { describeError, type DoctorContext } from './context.js';

export async function checkPassword(ctx: DoctorContext, identity: Identity, account: Account, label: string): Promise<AuthnSuccess | undefined> {
  const { config, report } = ctx;
  const prefix = envPrefix(identity.role);
  const authn: AuthnContext = { orgUrl: config.orgUrl, envPrefix: prefix, ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}) };
  let result;
  try {
    result = await processAuthnResponse(authn, account, await authnRequest(authn, account));
  } catch (error) {
    report.fail(`${label} ${isOktaError(error, 'ERR_MFA_ENROLL_REQUIRED') ? 'MFA' : 'password'}`, describeError(error));
    return undefined;
  }
  if (result.status === 'SUCCESS') {
    report.ok(`${label} password`, 'accepted; Okta asked for no MFA.');
    if (account.totpSecret) report.warn(`${label} MFA`, `${prefix}_TOTP_SECRET is set but Okta asked for no MFA, so it is not used. Fix: nothing needed; remove it if the user has no TOTP factor.`);
    report.secret(result.sessionToken);
    return result;
  }

  const factors = describeFactors(result);
  report.ok(`${label} password`, `accepted; Okta asks for MFA (enrolled: ${factors}).`);
  if (!account.totpSecret) {
    report.fail(`${label} MFA`, `${prefix}_TOTP_SECRET is not set, so the login cannot answer the MFA challenge. Fix: set ${prefix}_TOTP_SECRET to the secret key of the user's TOTP factor (shown when it was enrolled), or exempt test users from MFA in the sign-on policy.`);
    return undefined;
  }
  const entry = cacheEntry(config, identity, account);
  const totp: TotpMemory = { lastStep: await lastTotpStep(entry) };
  const spent = totp.lastStep;
  try {
    const success = await answerMfa(authn, account, result, totp);
    report.secret(success.sessionToken);
    report.ok(`${label} MFA`, `answered with a TOTP code from ${prefix}_TOTP_SECRET.`);
    return success;
  } catch (error) {
    report.fail(`${label} MFA`, describeError(error));
    return undefined;
  } finally {
    if (totp.lastStep !== undefined && totp.lastStep !== spent) await saveTotpStep(entry, totp.lastStep);
  }
}

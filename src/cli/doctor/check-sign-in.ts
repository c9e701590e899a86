// An identity whose flow is IDX or Direct Authentication signs in once, the way the engine will (never
// retried): IDX through interact → identify → authenticators → interaction code, Direct Authentication
// through the password (and mfa-otp) grants. What comes back is checked like the authn path's tokens.
import type * as oidc from 'openid-client';
import { cacheEntry, clientSettings, clientConfiguration, directSignIn, envPrefix, idxTokens, lastTotpStep, saveTotpStep, type ChosenFlow, type TotpMemory } from '../../engine/diagnostics.js';
import { isOktaError, type Account, type Identity } from '../../engine/index.js';
import { describeError, type DoctorContext } from './context.js';

export interface SignedIn {
  tokens: oidc.TokenEndpointResponse;
  nonce?: string;
  userId?: string;
}

export async function checkSignIn(ctx: DoctorContext, identity: Identity, account: Account, label: string, flow: Exclude<ChosenFlow, 'authn'>): Promise<SignedIn | 'fall back to authn' | undefined> {
  const { config, report, server } = ctx;
  const prefix = envPrefix(identity.role);
  const entry = cacheEntry(config, identity, account);
  // Okta accepts each TOTP code once: the step is shared with the engine's cache companion file.
  const totp: TotpMemory = { lastStep: account.totpSecret ? await lastTotpStep(entry) : undefined };
  const spent = totp.lastStep;
  const name = flow === 'idx' ? 'IDX sign-in' : 'Direct Authentication';
  try {
    const settings = clientSettings(config, identity);
    const client = await clientConfiguration(server!, settings, config.timeoutMs);
    let result: SignedIn;
    if (flow === 'idx') {
      const { signedIn, tokens } = await idxTokens(config, identity, account, totp, client);
      report.secret(signedIn.interactionCode, signedIn.codeVerifier, ...signedIn.cookies.map((c) => c.value));
      result = { tokens, nonce: signedIn.nonce, ...(signedIn.userId ? { userId: signedIn.userId } : {}) };
    } else {
      result = { tokens: await directSignIn(client, { clientId: identity.clientId, scopes: identity.scopes, envPrefix: prefix }, account, totp) };
    }
    report.secret(result.tokens.access_token, result.tokens.id_token, result.tokens.refresh_token);
    const mfa = totp.lastStep !== spent ? ` and a TOTP code from ${prefix}_TOTP_SECRET` : '';
    report.ok(`${label} ${name}`, `signed in and assigned to ${identity.clientId}: the password${mfa} satisfied the app's policy.`);
    return result;
  } catch (error) {
    // The engine does the same: on auto, an app without the Interaction Code grant signs in through authn.
    if (flow === 'idx' && config.loginFlow === 'auto' && isOktaError(error, 'ERR_IDX_NOT_ENABLED')) {
      report.warn(`${label} ${name}`, `${identity.clientId} has no Interaction Code grant, so the login falls back to authn (checked below). Fix: if the app's authentication policy wants more than a password, enable the Interaction Code grant on the app and in the authorization server's access policy rule.`);
      return 'fall back to authn';
    }
    report.fail(`${label} ${name}`, describeError(error));
    return undefined;
  } finally {
    if (totp.lastStep !== undefined && totp.lastStep !== spent) await saveTotpStep(entry, totp.lastStep);
  }
}

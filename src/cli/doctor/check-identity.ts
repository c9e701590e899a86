// One identity, step by step: a user (by its flow: password → MFA → assignment, or one IDX / Direct
// Authentication sign-in; then scopes → tokens → app) or a service
// (client credentials → scopes → tokens → app). A failed step stops that identity's later steps, which are
// reported as not checked; other identities go on.
import { cacheEntry, recalledFailure } from '../../engine/diagnostics.js';
import type * as oidc from 'openid-client';
import type { Account, Identity } from '../../engine/index.js';
import { clientSettings } from '../../engine/diagnostics.js';
import { clientConfiguration, clientCredentialsGrant } from '../../engine/diagnostics.js';
import { checkApp } from './check-app.js';
import { checkAssignment, checkScopes, grantedScopes } from './check-grant.js';
import { checkPassword } from './check-password.js';
import { checkSignIn } from './check-sign-in.js';
import { checkTokens } from './check-tokens.js';
import { describeError, type DoctorContext } from './context.js';

export async function checkUser(ctx: DoctorContext, identity: Identity, account: Account, clientUsable: boolean): Promise<void> {
  const { config, report } = ctx;
  const label = `${identity.role} (${account.username})`;
  const flow = ctx.flows?.get(identity.role)?.flow ?? 'authn';
  let granted: { tokens: oidc.TokenEndpointResponse; nonce?: string } | undefined;
  let user: { login: string; userId: string | undefined } = { login: account.username, userId: undefined };
  let signedIn: Awaited<ReturnType<typeof checkSignIn>> = 'fall back to authn';
  if (flow !== 'authn') {
    if (!clientUsable) return report.skip(label, `sign-in, scopes, tokens and app not checked: the problems with client ${identity.clientId} above come first.`);
    signedIn = await checkSignIn(ctx, identity, account, label, flow);
    if (signedIn !== 'fall back to authn') {
      granted = signedIn;
      user = { login: account.username, userId: signedIn?.userId };
    }
  }
  if (signedIn === 'fall back to authn') {
    const rest = 'assignment, scopes, tokens and app not checked';
    const auth = await checkPassword(ctx, identity, account, label);
    if (!auth) return report.skip(label, `${rest}: the login stops at the step above.`);
    if (!clientUsable) return report.skip(label, `${rest}: the problems with client ${identity.clientId} above come first.`);
    granted = await checkAssignment(ctx, identity, auth, label);
    user = { login: auth.login || account.username, userId: auth.userId || undefined };
  }
  if (!granted) return report.skip(label, 'the remaining steps not checked: the login stops at the step above.');
  checkScopes(ctx, identity, grantedScopes(granted.tokens), label);
  const valid = await checkTokens(ctx, granted.tokens, { issuer: config.issuer, clientId: identity.clientId, audience: config.audience, ...(granted.nonce ? { nonce: granted.nonce } : {}), user }, label);
  if (!valid) return report.skip(`${label} app`, 'not checked: the tokens did not validate.');
  await checkApp(ctx, granted.tokens.access_token, label);

  // A failure the engine remembers (so parallel workers do not repeat it) outlives the fix for 10 minutes.
  const entry = cacheEntry(config, identity, account);
  const remembered = await recalledFailure(entry, account);
  if (remembered) {
    report.warn(`${label} cache`, `runs still remember an earlier failed login (${remembered.code}) and will not retry it for up to 10 minutes. Fix: delete ${entry.file}.failed now that the login works.`);
  }
}

export async function checkService(ctx: DoctorContext, identity: Identity): Promise<void> {
  const { config, report, server } = ctx;
  const label = `${identity.role} (client ${identity.clientId})`;
  let tokens;
  try {
    const client = await clientConfiguration(server!, clientSettings(config, identity), config.timeoutMs);
    tokens = await clientCredentialsGrant(client, identity.scopes);
  } catch (error) {
    report.fail(`${label} client credentials`, describeError(error));
    return report.skip(label, 'scopes, tokens and app not checked: the grant failed.');
  }
  report.secret(tokens.access_token);
  report.ok(`${label} client credentials`, 'the token endpoint issued a token for the client.');
  checkScopes(ctx, identity, grantedScopes(tokens), label);
  const valid = await checkTokens(ctx, tokens, { issuer: config.issuer, clientId: identity.clientId, audience: config.audience, service: true }, label);
  if (!valid) return report.skip(`${label} app`, 'not checked: the token did not validate.');
  await checkApp(ctx, tokens.access_token, label);
}

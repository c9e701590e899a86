// Discovery answers, and its `issuer` is OKTA_ISSUER exactly. Tokens carry that issuer and every verifier
// compares it byte for byte, so a near miss (trailing slash, custom domain vs okta.com name, org vs custom
// server) is the first thing to rule out. Also says which kind of authorization server it is.
import { fetchServerMetadata, type ServerMetadata } from '../../engine/diagnostics.js';
import { findOktaError } from '../../engine/diagnostics.js';
import { isLoopback } from '../../engine/diagnostics.js';
import { describeError, type DoctorContext } from './context.js';

export async function checkIssuer(ctx: DoctorContext): Promise<ServerMetadata | undefined> {
  const { config, report } = ctx;
  let server: ServerMetadata;
  try {
    server = await fetchServerMetadata(config.issuer, config.timeoutMs);
  } catch (error) {
    report.fail('issuer', discoveryFailure(ctx, error));
    return undefined;
  }
  const typed = ctx.env.OKTA_ISSUER?.trim();
  if (typed && typed !== config.issuer) {
    report.warn('issuer', `OKTA_ISSUER ends with "/" but Okta's issuer is ${config.issuer}, without it. The engine strips the slash; verifiers that compare the issuer byte for byte (@okta/jwt-verifier, your API) do not. Fix: set OKTA_ISSUER=${config.issuer}.`);
  } else {
    report.ok('issuer', `${config.issuer} answers discovery and names itself exactly that.`);
  }
  checkServerKind(ctx);
  return server;
}

function discoveryFailure(ctx: DoctorContext, error: unknown): string {
  const { config } = ctx;
  const ours = findOktaError(error);
  if (ours?.code === 'ERR_IDP_UNREACHABLE') {
    const start = isLoopback(new URL(config.issuer).hostname) ? ' Is the emulator running? Start it with `npx okta-emulator` (or useOktaEmulator() in playwright.config.ts).' : '';
    return `${config.issuer} did not answer discovery: ${ours.message}${start}`;
  }
  const cause = (error as { cause?: { code?: string; cause?: unknown } }).cause;
  if (cause?.code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED') {
    const actual = (cause.cause as { body?: { issuer?: unknown } } | undefined)?.body?.issuer;
    if (typeof actual === 'string') {
      return `discovery at ${config.issuer} says its issuer is ${actual}: ${difference(config.issuer, actual)}. Tokens carry ${actual}, so the engine and every verifier refuse them. Fix: set OKTA_ISSUER=${actual.replace(/\/+$/, '')}.`;
    }
  }
  // openid-client keeps the response (undici's class, so no instanceof) as the cause.
  const status = (cause?.cause as { status?: unknown } | undefined)?.status;
  if (cause?.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' && typeof status === 'number') {
    return `${config.issuer}/.well-known/openid-configuration answers HTTP ${status}: no authorization server answers at OKTA_ISSUER. Fix: use the issuer shown in Admin Console → Security → API → Authorization Servers${suggestion(config.issuer)}.`;
  }
  return describeError(ours ?? error);
}

function suggestion(issuer: string): string {
  const u = new URL(issuer);
  return /^\/oauth2\/[^/]+$/.test(u.pathname) ? '' : ` (the default custom server is ${u.origin}/oauth2/default; the org server is ${u.origin})`;
}

function difference(configured: string, actual: string): string {
  const a = new URL(configured);
  let b: URL;
  try {
    b = new URL(actual);
  } catch {
    return 'not a URL at all';
  }
  if (a.protocol !== b.protocol) return `another scheme (${b.protocol.replace(':', '')})`;
  if (a.host !== b.host) return `another host (${b.host}): the authorization server issues tokens under a custom URL domain or under its okta.com name, and OKTA_ISSUER must use the same one`;
  if (b.pathname.replace(/\/+$/, '') === a.pathname.replace(/\/+$/, '')) return 'it differs only by a trailing "/"';
  return `another path (${b.pathname || '/'}): OKTA_ISSUER names a different authorization server`;
}

function checkServerKind(ctx: DoctorContext): void {
  const { config, report } = ctx;
  const u = new URL(config.issuer);
  const custom = /^\/oauth2\/([^/]+)$/.exec(u.pathname);
  if (custom) {
    report.ok('authorization server', `custom authorization server "${custom[1]}": its access tokens are meant for your own APIs.`);
  } else {
    report.warn('authorization server', `${config.issuer} is the org authorization server: its access tokens are for Okta's own APIs and your API cannot validate them (only the ID token is yours). Fix: use a custom authorization server (e.g. OKTA_ISSUER=${u.origin}/oauth2/default) unless you only need the ID token.`);
  }
}

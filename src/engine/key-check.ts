// Cached tokens signed with a key the issuer no longer publishes (an emulator restarted without its state,
// an org whose old key was rotated out) would reach the app and be refused there (`Error while resolving
// signing key for kid …`). So before a cached record is served, the `kid` of its tokens is looked up in the
// issuer's JWKS as this process fetched it (`current`: never the set kept on disk by an earlier run, which
// would still list the old keys): one request per process, not per test.
import type { OktaConfig, TokenRecord } from './types.js';

// Kids the run's warm-up (global setup) just saw published, handed to the workers through the environment
// they inherit: a worker then serves those tokens without a JWKS request, and without loading the HTTP
// stack (undici, openid-client) at all. A kid missing from it is looked up as before. Kids are public.
const RUN_KIDS_VARIABLE = 'OKTA_RUN_PUBLISHED_KIDS';

/** A kid that the current JWKS does not list, or undefined when every token's key is published (or cannot be checked). */
export async function unpublishedKid(config: OktaConfig, record: TokenRecord, warn?: (message: string) => void): Promise<string | undefined> {
  const kids = tokenKids(config, record);
  if (kids.length === 0) return undefined;
  const shared = runKids()[config.issuer];
  if (Array.isArray(shared) && kids.every((kid) => shared.includes(kid))) return undefined;
  const known = await publishedKids(config, warn);
  return known ? kids.find((kid) => !known.has(kid)) : undefined;
}

// Org authorization server access tokens are signed with keys Okta does not publish to clients; only
// their ID tokens are checked.
function tokenKids(config: OktaConfig, record: TokenRecord): string[] {
  const orgServer = !new URL(config.issuer).pathname.startsWith('/oauth2/');
  const tokens = [...(orgServer ? [] : [record.accessToken]), ...(record.idToken ? [record.idToken] : [])];
  const kids: string[] = [];
  for (const token of tokens) {
    try {
      // The protected header, unverified (what jose's decodeProtectedHeader gives), without loading jose.
      const { kid } = JSON.parse(Buffer.from(token.slice(0, token.indexOf('.')), 'base64url').toString('utf8')) as { kid?: unknown };
      if (typeof kid === 'string') kids.push(kid);
    } catch {
      // Not a JWT: readRecord's own checks judge the record's shape.
    }
  }
  return kids;
}

const lookups = new Map<string, Promise<Set<string> | undefined>>();

// One lookup per issuer and cache directory per process; a set this process already fetched (a login's
// validation) is reused, so no second request. An IdP that cannot be reached
// is no reason to refuse tokens that may well be valid: the check is skipped (undefined), and the app
// judges them as before.
function publishedKids(config: OktaConfig, warn?: (message: string) => void): Promise<Set<string> | undefined> {
  const key = JSON.stringify([config.issuer, config.cacheDir]);
  let lookup = lookups.get(key);
  if (!lookup) {
    lookup = (async () => {
      const { getJwks, getServerMetadata } = await import('./discovery-cache.js');
      const server = await getServerMetadata(config.issuer, config.cacheDir, config.timeoutMs, warn);
      if (!server.jwks_uri) return undefined;
      const jwks = await getJwks(server.jwks_uri, config.cacheDir, { current: true, ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}), ...(warn ? { warn } : {}) });
      return new Set(jwks.keys.map((key) => key.kid).filter((kid): kid is string => typeof kid === 'string'));
    })().catch(() => undefined);
    lookups.set(key, lookup);
  }
  return lookup;
}

/**
 * Shares the kids of `records` (tokens this process just validated, or served after the check above) with
 * the processes it starts next: the run's workers. Called once the warm-up is done.
 */
export function shareKnownKids(config: OktaConfig, records: TokenRecord[]): void {
  const all = runKids();
  const kids = new Set([...(all[config.issuer] ?? []), ...records.flatMap((record) => tokenKids(config, record))]);
  if (kids.size === 0) return;
  all[config.issuer] = [...kids];
  process.env[RUN_KIDS_VARIABLE] = JSON.stringify(all);
}

function runKids(): Record<string, string[]> {
  try {
    const value = JSON.parse(process.env[RUN_KIDS_VARIABLE] ?? '{}') as unknown;
    return value && typeof value === 'object' ? (value as Record<string, string[]>) : {};
  } catch {
    return {};
  }
}

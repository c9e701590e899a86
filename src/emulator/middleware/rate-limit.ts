// Okta's per-username limit on /api/v1/authn and /token, switched on by scenario.rateLimit. Over the limit
// the answer is 429 E0000047 with X-Rate-Limit-Limit/Remaining/Reset (epoch seconds of the window's end).
import type { Ctx } from '../http/context.js';
import { sendApiError } from '../http/respond.js';
import { setRateLimitHeaders } from './common-headers.js';
import type { RateLimitRule } from '../types.js';

/**
 * Counts one request in the window of `key` under `rule` and sets Okta's X-Rate-Limit-* headers; false when
 * the window is spent (the caller answers 429 in its API's dialect). The one bucket logic of every limit:
 * authn and /token per user, IDX per user, the Management API per family.
 */
export function countAgainstLimit(ctx: Ctx, key: string, rule: RateLimitRule | null | undefined): boolean {
  if (!rule) return true;
  const now = Date.now();
  let bucket = ctx.state.store.rateBuckets.get(key);
  if (!bucket || bucket.resetAt <= now) {
    bucket = { count: 0, resetAt: now + rule.windowSeconds * 1000 };
    ctx.state.store.rateBuckets.set(key, bucket);
  }
  bucket.count++;
  setRateLimitHeaders(ctx, rule.limit, Math.max(0, rule.limit - bucket.count), bucket.resetAt);
  return bucket.count <= rule.limit;
}

/** Counts this request against `subject` (a username or client id); false when it was answered with 429. */
export function withinUserRateLimit(ctx: Ctx, endpoint: 'authn' | 'token', subject: string): boolean {
  if (countAgainstLimit(ctx, `user:${endpoint}:${subject.toLowerCase()}`, ctx.state.scenario.rateLimit)) return true;
  sendApiError(ctx, 'E0000047');
  return false;
}

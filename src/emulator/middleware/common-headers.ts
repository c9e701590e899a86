// Headers Okta puts on every answer: a request id and the X-Rate-Limit-* trio (an org-wide, per-endpoint,
// one-minute budget; generous, so only the per-user scenario limit ever bites). The recordings show the trio
// on /api/v1, /oauth2 and the /login pages alike. `Date` comes from node:http itself.
import type { Ctx } from '../http/context.js';
import { randomId } from '../lib/ids.js';
import { isControlPath } from './stats.js';

const WINDOW_MS = 60_000;

export function newRequestId(): string {
  return randomId('', 27);
}

export function setCommonHeaders(ctx: Ctx): void {
  ctx.res.setHeader('X-Okta-Request-Id', ctx.requestId);
  if (isControlPath(ctx.path)) return;
  const limit = ctx.path.startsWith('/api/v1/') ? 1200 : 10000;
  const key = `org:${ctx.method} ${ctx.path}`;
  const now = Date.now();
  let bucket = ctx.state.store.rateBuckets.get(key);
  if (!bucket || bucket.resetAt <= now) {
    bucket = { count: 0, resetAt: now + WINDOW_MS };
    ctx.state.store.rateBuckets.set(key, bucket);
  }
  bucket.count++;
  setRateLimitHeaders(ctx, limit, Math.max(0, limit - bucket.count), bucket.resetAt);
}

export function setRateLimitHeaders(ctx: Ctx, limit: number, remaining: number, resetAtMs: number): void {
  ctx.res.setHeader('X-Rate-Limit-Limit', String(limit));
  ctx.res.setHeader('X-Rate-Limit-Remaining', String(remaining));
  ctx.res.setHeader('X-Rate-Limit-Reset', String(Math.ceil(resetAtMs / 1000)));
}

// CORS for browsers: okta-auth-js calls authn, sessions, token, keys, discovery and userinfo from the app's
// origin. Trusted origins (seed.trustedOrigins plus every redirect URI's origin) get their Origin echoed
// with credentials allowed; anyone else gets no CORS headers, so the browser refuses the answer.
import type { Ctx } from './context.js';
import { sendEmpty } from './respond.js';

export function originIsTrusted(ctx: Ctx): string | undefined {
  const origin = ctx.req.headers.origin;
  return origin && ctx.state.trustedOrigins().has(origin) ? origin : undefined;
}

export function setCorsHeaders(ctx: Ctx): void {
  const origin = originIsTrusted(ctx);
  if (!origin) return;
  ctx.res.setHeader('Access-Control-Allow-Origin', origin);
  ctx.res.setHeader('Access-Control-Allow-Credentials', 'true');
  ctx.res.setHeader('Access-Control-Expose-Headers', 'X-Okta-Request-Id, X-Rate-Limit-Limit, X-Rate-Limit-Remaining, X-Rate-Limit-Reset');
  ctx.res.setHeader('Vary', 'Origin');
}

/** Answers a preflight for a known path; `methods` are the ones the path accepts. */
export function answerPreflight(ctx: Ctx, methods: string[]): void {
  const allow = [...new Set([...methods, 'OPTIONS'])].join(', ');
  const headers: Record<string, string> = { Allow: allow };
  if (originIsTrusted(ctx)) {
    const requested = ctx.req.headers['access-control-request-headers'];
    headers['Access-Control-Allow-Methods'] = allow;
    headers['Access-Control-Allow-Headers'] = requested ? `${requested},Content-Type` : 'Content-Type';
    headers['Access-Control-Max-Age'] = '3600';
  }
  sendEmpty(ctx, 200, headers);
}

// The `sid` cookie: Okta's session cookie, read on authorize, sessions/me, users/me and logout.
import type { Ctx } from './context.js';
import { appendCookie } from './respond.js';

export function readCookie(ctx: Ctx, name: string): string | undefined {
  const header = ctx.req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) {
      const value = part.slice(index + 1).trim().replace(/^"(.*)"$/, '$1');
      return value === '' ? undefined : value;
    }
  }
  return undefined;
}

export function setSidCookie(ctx: Ctx, sessionId: string): void {
  appendCookie(ctx, `sid=${sessionId}; Path=/; HttpOnly`);
}

/** How Okta clears it (see the TAPE_* recordings): an empty value expiring in 1970. */
export function clearSidCookie(ctx: Ctx): void {
  appendCookie(ctx, 'sid=""; Expires=Thu, 01-Jan-1970 00:00:10 GMT; Path=/');
}

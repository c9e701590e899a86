// Request statistics: "METHOD /path" → count, for every request except the /__emulator/ controls, so a
// test can assert how often Okta was asked (one login per identity, no retries of a spent credential...).
import type { Ctx } from '../http/context.js';

export function isControlPath(path: string): boolean {
  return path === '/__emulator' || path.startsWith('/__emulator/');
}

export function countRequest(ctx: Ctx): void {
  if (isControlPath(ctx.path)) return;
  const key = `${ctx.req.method ?? 'GET'} ${ctx.path}`;
  ctx.state.stats.set(key, (ctx.state.stats.get(key) ?? 0) + 1);
}

// Injected faults for the next N requests of one route: a delay, an error status, a dropped connection, or
// a raw answer (status + body + headers, for fuzzing clients). A delay combines with the others (delay, then
// answer or drop); alone it delays the real answer.
import type { Ctx } from '../http/context.js';
import { sendApiError } from '../http/respond.js';
import { setRateLimitHeaders } from './common-headers.js';

export type FaultOutcome = 'handled' | 'continue';

export async function applyFault(ctx: Ctx): Promise<FaultOutcome> {
  const route = `${ctx.req.method ?? 'GET'} ${ctx.path}`;
  const fault = ctx.state.faults.find((candidate) => candidate.route === route && candidate.times > 0);
  if (!fault) return 'continue';
  fault.times--;
  ctx.state.faults = ctx.state.faults.filter((candidate) => candidate.times > 0);
  if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
  if (fault.drop) {
    // The client sees a reset connection, as when a proxy or Okta's edge drops it.
    ctx.req.socket.destroy();
    return 'handled';
  }
  if (fault.body !== undefined || fault.headers !== undefined) {
    sendRaw(ctx, fault.status!, fault.body ?? '', fault.headers ?? {});
    return 'handled';
  }
  if (fault.status !== undefined) {
    sendFaultStatus(ctx, fault.status);
    return 'handled';
  }
  return 'continue';
}

/** Exactly the answer the test asked for (a malformed body, a strange Location): only the framing is ours. */
function sendRaw(ctx: Ctx, status: number, body: string, headers: Record<string, string>): void {
  ctx.res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(body) });
  ctx.res.end(body);
}

function sendFaultStatus(ctx: Ctx, status: number): void {
  if (status === 429) {
    setRateLimitHeaders(ctx, 0, 0, Date.now() + 60_000);
    sendApiError(ctx, 'E0000047');
  } else if (status >= 400) {
    sendApiError(ctx, 'E0000009', { status });
  } else {
    ctx.res.writeHead(status, { 'Content-Length': '0' });
    ctx.res.end();
  }
}

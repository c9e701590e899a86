// The request pipeline: count, stamp Okta's headers, CORS, injected faults, then the route. Anything a
// handler throws becomes an Okta error answer; nothing a client sends can take the process down.
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { Ctx } from './http/context.js';
import { BodyTooLarge } from './http/body.js';
import { answerPreflight, setCorsHeaders } from './http/cors.js';
import { sendApiError } from './http/respond.js';
import type { Router } from './http/router.js';
import { newRequestId, setCommonHeaders } from './middleware/common-headers.js';
import { applyFault } from './middleware/faults.js';
import { countRequest, isControlPath } from './middleware/stats.js';
import type { EmulatorState } from './state/emulator-state.js';

/** With `tls` (PEM key and certificate chain) it serves HTTPS; the pipeline is the same. */
export function createEmulatorServer(state: EmulatorState, router: Router, tls?: { key: string; cert: string }): Server {
  const listener: RequestListener = (req, res) => {
    handle(state, router, req, res).catch((error: unknown) => failSafely(res, error));
  };
  // An https.Server is an http.Server for everything the emulator does with it (listen, close, events).
  const server = tls ? (createTlsServer(tls, listener) as unknown as Server) : createServer(listener);
  // Malformed HTTP (bad request lines, oversized headers): answer 400 and close, as node would, quietly.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  return server;
}

async function handle(state: EmulatorState, router: Router, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const raw = req.url ?? '/';
  const queryAt = raw.indexOf('?');
  const path = (queryAt < 0 ? raw : raw.slice(0, queryAt)) || '/';
  const ctx: Ctx = {
    req,
    res,
    method: req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET'),
    path,
    query: new URLSearchParams(queryAt < 0 ? '' : raw.slice(queryAt + 1)),
    params: {},
    state,
    requestId: newRequestId(),
  };
  countRequest(ctx);
  setCommonHeaders(ctx);
  if (!isControlPath(path)) setCorsHeaders(ctx);
  if ((await applyFault(ctx)) === 'handled') return;

  if (ctx.method === 'OPTIONS') {
    const allowed = router.allowed(path);
    if (allowed.length > 0) return answerPreflight(ctx, allowed);
    return sendApiError(ctx, 'E0000008');
  }
  const match = router.find(ctx.method, path);
  if (!match) {
    const allowed = router.allowed(path);
    if (allowed.length > 0) return sendApiError(ctx, 'E0000022', { headers: { Allow: [...allowed, 'OPTIONS'].join(', ') } });
    return sendApiError(ctx, 'E0000008');
  }
  ctx.params = match.params;
  try {
    await match.handler(ctx);
  } catch (error) {
    if (res.headersSent) return void res.destroy();
    if (error instanceof BodyTooLarge) {
      // The rest of the upload is not read: answer, then close this connection; the next one is served.
      return sendApiError(ctx, 'E0000003', { status: 413, headers: { Connection: 'close' } });
    }
    sendApiError(ctx, 'E0000009');
  }
}

function failSafely(res: ServerResponse, _error: unknown): void {
  // Never print the error: it may quote a credential from the request.
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(500, { 'Content-Type': 'application/json;charset=UTF-8' });
  res.end('{"errorCode":"E0000009","errorSummary":"Internal Server Error","errorLink":"E0000009","errorId":"oaeInternal","errorCauses":[]}');
}

// GET {issuer}/v1/keys: the server's public signing key (RS256, `kid`, `use: sig`).
import type { Ctx } from '../http/context.js';
import { sendJson } from '../http/respond.js';
import { resolveServer } from '../oauth/servers.js';

export function getKeys(ctx: Ctx): void {
  const server = resolveServer(ctx);
  if (!server) return;
  // Okta lets clients cache keys for a long time; keys here live as long as the process.
  sendJson(ctx, 200, { keys: [server.key.publicJwk] }, { 'Cache-Control': 'max-age=300, must-revalidate' });
}

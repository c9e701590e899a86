// Which authorization server a request is for: `/oauth2/{id}/…` is a custom server, `/oauth2/v1/…` and
// `/.well-known/…` at the root are the org server. An unknown id gets Okta's 404 E0000007.
import type { Ctx } from '../http/context.js';
import { sendApiError } from '../http/respond.js';
import type { AuthServer } from '../state/emulator-state.js';

export function resolveServer(ctx: Ctx): AuthServer | undefined {
  const id = ctx.params.server ?? null;
  const server = ctx.state.server(id);
  if (!server) sendApiError(ctx, 'E0000007', { detail: `Resource not found: ${id} (AuthorizationServer)` });
  return server;
}

export function allServers(ctx: Ctx): AuthServer[] {
  const custom = ctx.state.seed.authorizationServers.map((server) => ctx.state.server(server.id));
  return [ctx.state.server(null)!, ...custom.filter((server): server is AuthServer => !!server)];
}

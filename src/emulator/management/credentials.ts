// Who may call the Management API: an SSWS API token from the seed (every scope, like a super admin's
// token), or an access token from the org authorization server with the Okta scope the route needs.
// `DPoP <token>` is taken as `Bearer <token>`: the emulator never asks for DPoP, so the proof is not checked.
import type { Ctx } from '../http/context.js';
import { verifyAccessToken } from '../oauth/verify.js';
import { sendManagementError } from './errors.js';

/** Okta scopes whose `manage` implies `read` (Okta: "okta.users.manage" also reads users). */
export type OktaScope = 'okta.users.read' | 'okta.users.manage' | 'okta.groups.read' | 'okta.groups.manage' | 'okta.apps.read' | 'okta.apps.manage';

export const OKTA_SCOPES: OktaScope[] = ['okta.users.read', 'okta.users.manage', 'okta.groups.read', 'okta.groups.manage', 'okta.apps.read', 'okta.apps.manage'];

export function grants(scopes: readonly string[], needed: OktaScope): boolean {
  return scopes.includes(needed) || (needed.endsWith('.read') && scopes.includes(needed.replace(/\.read$/, '.manage')));
}

/** True when the caller may use a route needing `scope`; otherwise answers 401 E0000011 or 403 E0000006. */
export async function authorizeManagement(ctx: Ctx, scope: OktaScope): Promise<boolean> {
  const header = ctx.req.headers.authorization?.trim() ?? '';
  const ssws = /^SSWS\s+(\S+)$/i.exec(header);
  if (ssws) {
    if (ctx.state.seed.apiTokens.includes(ssws[1]!)) return true;
    sendManagementError(ctx, 'E0000011');
    return false;
  }
  const bearer = /^(?:Bearer|DPoP)\s+(\S+)$/i.exec(header);
  const org = ctx.state.server(null)!;
  const payload = bearer ? await verifyAccessToken(ctx.state, org, bearer[1]!) : undefined;
  if (!payload || payload.aud !== org.audience) {
    sendManagementError(ctx, 'E0000011', {
      headers: bearer ? { 'WWW-Authenticate': challenge(ctx, scope, 'invalid_token', 'The access token is invalid.') } : {},
    });
    return false;
  }
  const scopes = Array.isArray(payload.scp) ? payload.scp.map(String) : [];
  if (grants(scopes, scope)) return true;
  sendManagementError(ctx, 'E0000006', {
    headers: { 'WWW-Authenticate': challenge(ctx, scope, 'insufficient_scope', 'The access token provided does not contain the required scopes.') },
  });
  return false;
}

/** Okta's challenge, e.g. `Bearer authorization_uri="…/oauth2/v1/authorize", realm="…", scope="okta.users.read", …`. */
function challenge(ctx: Ctx, scope: OktaScope, error: string, description: string): string {
  const org = ctx.state.orgUrl;
  return `Bearer authorization_uri="${org}/oauth2/v1/authorize", realm="${org}", scope="${scope}", error="${error}", error_description="${description}", resource="${ctx.path}"`;
}

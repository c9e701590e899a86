// The two checks every Management API route makes first: the org's rate limit, then the credential and
// the Okta scope the operation needs (the scope each operation names in Okta's management spec).
import type { Ctx } from '../http/context.js';
import { authorizeManagement, type OktaScope } from './credentials.js';
import { withinManagementRateLimit, type ManagementFamily } from './rate-limit.js';

export async function admitted(ctx: Ctx, family: ManagementFamily, scope: OktaScope): Promise<boolean> {
  if (!withinManagementRateLimit(ctx, family)) return false;
  return authorizeManagement(ctx, scope);
}

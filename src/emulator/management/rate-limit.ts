// The org's Management API budget (scenario.managementRateLimit): one window per family of endpoints, as
// Okta counts /api/v1/users*, /api/v1/groups* and /api/v1/apps* apart. Over it: 429 E0000047 with
// X-Rate-Limit-Limit/Remaining/Reset (epoch seconds when the window ends), which clients wait for.
import type { Ctx } from '../http/context.js';
import { countAgainstLimit } from '../middleware/rate-limit.js';
import { sendManagementError } from './errors.js';

export type ManagementFamily = 'users' | 'groups' | 'apps';

/** Counts the request; false when it was answered 429. */
export function withinManagementRateLimit(ctx: Ctx, family: ManagementFamily): boolean {
  if (countAgainstLimit(ctx, `management:${family}`, ctx.state.scenario.managementRateLimit)) return true;
  sendManagementError(ctx, 'E0000047');
  return false;
}

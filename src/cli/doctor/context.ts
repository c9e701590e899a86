// What every check reads: the validated configuration, the raw environment (to see what the user typed
// before the engine normalised it), the report, and what earlier checks learnt.
import type { OktaConfig } from '../../engine/index.js';
import type { ServerMetadata } from '../../engine/diagnostics.js';
import type { FlowChoice, OktaOrganization } from '../../engine/diagnostics.js';
import type { Report } from './report.js';

export interface DoctorContext {
  config: OktaConfig;
  env: NodeJS.ProcessEnv;
  report: Report;
  /** Path of the app's API asked with the access token when APP_BASE_URL is set. */
  appPath: string;
  /** Set once discovery worked. */
  server?: ServerMetadata;
  org?: OktaOrganization;
  /** The flow each user identity signs in with (OKTA_LOGIN_FLOW and the org's engine), by role. */
  flows?: Map<string, FlowChoice>;
}

/** `OKTA_ADMIN_` style names in messages come from the engine; checks only need a short error text. */
export function describeError(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown };
  if (typeof e?.code === 'string' && e.code.startsWith('ERR_')) return `${String(e.message)} (${e.code})`;
  return `unexpected error: ${(error as Error)?.message ?? String(error)} (a bug in okta-token: please report it)`;
}

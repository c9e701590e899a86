// The Management API's errors: Okta's {errorCode, errorSummary, errorLink, errorId, errorCauses} body with
// the codes these endpoints answer (texts from okta-wire/api-error-codes.catalog.json and the management
// spec's examples, vendored in tests/emulator/okta-wire/management/).
import type { Ctx } from '../http/context.js';
import { sendJson } from '../http/respond.js';
import { randomId } from '../lib/ids.js';

const MANAGEMENT_ERRORS = {
  E0000001: { status: 400, summary: 'Api validation failed: {0}' },
  E0000003: { status: 400, summary: 'The request body was not well-formed.' },
  E0000006: { status: 403, summary: 'You do not have permission to perform the requested action' },
  E0000007: { status: 404, summary: 'Not found: {0}' },
  E0000011: { status: 401, summary: 'Invalid token provided' },
  E0000016: { status: 403, summary: 'Activation failed because the user is already active' },
  E0000031: { status: 400, summary: 'Invalid search criteria.' },
  E0000038: { status: 403, summary: "This operation is not allowed in the user's current status." },
  E0000047: { status: 429, summary: 'API call exceeded rate limit due to too many requests.' },
  E0000068: { status: 403, summary: 'Invalid Passcode/Answer' },
} as const;

export type ManagementErrorCode = keyof typeof MANAGEMENT_ERRORS;

export interface ManagementErrorOptions {
  /** Fills the summary's `{0}`. */
  detail?: string;
  causes?: string[];
  headers?: Record<string, string>;
}

export function sendManagementError(ctx: Ctx, code: ManagementErrorCode, options: ManagementErrorOptions = {}): void {
  const known = MANAGEMENT_ERRORS[code];
  const body = {
    errorCode: code,
    errorSummary: known.summary.replace('{0}', options.detail ?? ''),
    errorLink: code,
    errorId: randomId('oae', 22),
    errorCauses: (options.causes ?? []).map((errorSummary) => ({ errorSummary })),
  };
  sendJson(ctx, known.status, body, options.headers);
}

/** 400 E0000001 for one field, as Okta words it: summary `Api validation failed: login`, cause `login: …`. */
export function sendValidationError(ctx: Ctx, field: string, cause: string): void {
  sendManagementError(ctx, 'E0000001', { detail: field, causes: [`${field}: ${cause}`] });
}

/** 404 E0000007 `Not found: Resource not found: {id} (User)`. */
export function sendNotFound(ctx: Ctx, id: string, kind: 'User' | 'UserGroup' | 'UserFactor' | 'AppInstance'): void {
  sendManagementError(ctx, 'E0000007', { detail: `Resource not found: ${id} (${kind})` });
}

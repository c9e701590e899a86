// How IDX talks: JSON bodies sent as `application/json` (okta-auth-js) or `application/ion+json` (Java,
// Go, .NET), with any Accept/Accepts header; answers typed as the forms' `produces` says. Every request is
// recorded in the audit, with its user once known, and counted against the scenario's rate limit.
import type { Ctx } from '../http/context.js';
import { readBody } from '../http/body.js';
import { sendJson } from '../http/respond.js';
import { countAgainstLimit } from '../middleware/rate-limit.js';
import type { FlowRequest } from '../types.js';
import { ION_TYPE } from './forms.js';
import { IDX_MESSAGES } from './messages.js';
import { idxTerminal, type IdxDocument } from './document.js';
import type { IdxTransaction } from './store.js';

const NO_STORE = { 'Cache-Control': 'no-cache, no-store', Pragma: 'no-cache', Expires: '0' };

export function sendIdx(ctx: Ctx, status: number, doc: IdxDocument): void {
  sendJson(ctx, status, doc, { ...NO_STORE, 'Content-Type': ION_TYPE });
}

/** The JSON object posted, whichever JSON media type it came as; undefined when there is none. */
export async function readIdxBody(ctx: Ctx): Promise<Record<string, unknown> | undefined> {
  const raw = (await readBody(ctx)).toString('utf8');
  if (raw.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(raw);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function recordIdxRequest(ctx: Ctx, login?: string): FlowRequest {
  return ctx.state.store.audit.flowRequest('idx', `${ctx.method} ${ctx.path}`, login);
}

/** Ties a request to its transaction and, once the user is known, names them on all its requests. */
export function attributeRequest(tx: IdxTransaction, entry: FlowRequest, login: string | undefined): void {
  if (!tx.requests.includes(entry)) tx.requests.push(entry);
  if (!login) return;
  for (const request of tx.requests) request.login ??= login.toLowerCase();
}

/**
 * Okta limits Identity Engine requests per user (IDX.md §2: 20 per user, 10 per state token, per 5 s); the
 * emulator applies the scenario's `rateLimit` per user once known, else per stateHandle. Over it: 429
 * `tooManyRequests`, with the transaction's stateHandle when there is one.
 */
export function withinIdxRateLimit(ctx: Ctx, entry: FlowRequest, tx: IdxTransaction | undefined): boolean {
  const subject = entry.login ?? tx?.stateHandle ?? 'anonymous';
  if (countAgainstLimit(ctx, `user:idx:${subject}`, ctx.state.scenario.rateLimit)) return true;
  entry.rateLimited = true;
  sendIdx(ctx, 429, idxTerminal(ctx.state, tx, [IDX_MESSAGES.tooManyRequests()]));
  return false;
}

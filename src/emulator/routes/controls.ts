// Test controls under /__emulator/ (never counted in stats): stats, audit, faults, reset and the scenario.
import type { Ctx } from '../http/context.js';
import { readJsonObject } from '../http/body.js';
import { sendApiError, sendEmpty, sendJson } from '../http/respond.js';
import type { Fault, Scenario } from '../types.js';

export function getStats(ctx: Ctx): void {
  sendJson(ctx, 200, { requests: ctx.state.statsObject() });
}

/** Authn attempts and issued credentials (tests only; it holds secrets, so it is never cached). */
export function getAudit(ctx: Ctx): void {
  sendJson(ctx, 200, ctx.state.store.audit.snapshot(), { 'Cache-Control': 'no-cache, no-store' });
}

export async function postFaults(ctx: Ctx): Promise<void> {
  const body = await readJsonObject(ctx);
  if (!body) return sendApiError(ctx, 'E0000003');
  try {
    ctx.state.addFault(body as unknown as Fault);
  } catch (error) {
    return sendApiError(ctx, 'E0000001', { detail: (error as Error).message, causes: [(error as Error).message] });
  }
  sendJson(ctx, 200, { faults: ctx.state.faults });
}

export function deleteFaults(ctx: Ctx): void {
  ctx.state.clearFaults();
  sendEmpty(ctx, 204);
}

export function postReset(ctx: Ctx): void {
  ctx.state.reset();
  sendEmpty(ctx, 204);
}

export function getScenario(ctx: Ctx): void {
  sendJson(ctx, 200, ctx.state.scenario);
}

export async function postScenario(ctx: Ctx): Promise<void> {
  const body = await readJsonObject(ctx);
  if (!body) return sendApiError(ctx, 'E0000003');
  try {
    ctx.state.setScenario(body as Partial<Scenario>);
  } catch (error) {
    return sendApiError(ctx, 'E0000001', { detail: (error as Error).message, causes: [(error as Error).message] });
  }
  sendJson(ctx, 200, ctx.state.scenario);
}

// Which way a user signs in (OKTA_LOGIN_FLOW). Set explicitly, it is obeyed. `auto` asks the org which
// engine it runs (cached on disk, discovery-cache.ts): Identity Engine signs in through IDX, which honours
// app authentication policies that want a second factor; Classic, or an org that does not say, through
// authn. Direct Authentication is never guessed: it needs grants an admin enables on purpose.
import { getOrganization } from '../discovery-cache.js';
import { isOktaError } from '../errors.js';
import type { OktaOrganization } from '../organization.js';
import type { OktaConfig } from '../types.js';

export type ChosenFlow = 'authn' | 'idx' | 'direct';

export interface FlowChoice {
  flow: ChosenFlow;
  /** Why, in words (the doctor prints it). */
  reason: string;
  /** What the org said, when it was asked. */
  org?: OktaOrganization;
}

/** Clients whose IDX was refused in this process (auto falls back to authn for them without asking again). */
const idxRefused = new Set<string>();

export function rememberIdxRefused(config: OktaConfig, clientId: string): void {
  idxRefused.add(`${config.issuer} ${clientId}`);
}

export async function chooseFlow(config: OktaConfig, clientId: string, warn?: (message: string) => void): Promise<FlowChoice> {
  if (config.loginFlow !== 'auto') return { flow: config.loginFlow, reason: `OKTA_LOGIN_FLOW=${config.loginFlow}` };
  return flowFor(config, clientId, await orgPipeline(config, warn));
}

/** The choice once the org's answer is known (the doctor asks the org itself, without the cache). */
export function flowFor(config: OktaConfig, clientId: string, org: OktaOrganization): FlowChoice {
  if (config.loginFlow !== 'auto') return { flow: config.loginFlow, reason: `OKTA_LOGIN_FLOW=${config.loginFlow}`, org };
  if (org.pipeline !== 'identity-engine') {
    const what = org.pipeline === 'classic' ? 'the org runs Classic Engine (pipeline v1)' : `the org did not say which engine it runs (${org.detail})`;
    return { flow: 'authn', reason: `OKTA_LOGIN_FLOW=auto and ${what}`, org };
  }
  if (idxRefused.has(`${config.issuer} ${clientId}`)) {
    return { flow: 'authn', reason: `OKTA_LOGIN_FLOW=auto, the org runs Identity Engine, but ${clientId} has no Interaction Code grant`, org };
  }
  return { flow: 'idx', reason: 'OKTA_LOGIN_FLOW=auto and the org runs Identity Engine (pipeline idx)', org };
}

/** The org's engine; an org that does not answer is `unknown` (and not cached), so the login still tries authn. */
export async function orgPipeline(config: OktaConfig, warn?: (message: string) => void): Promise<OktaOrganization> {
  try {
    return await getOrganization(config.orgUrl, config.cacheDir, config.timeoutMs, warn);
  } catch (error) {
    if (isOktaError(error, 'ERR_IDP_UNREACHABLE')) return { pipeline: 'unknown', detail: 'no answer' };
    throw error;
  }
}

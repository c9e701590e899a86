// Measure 1: a cold login for the same identity, several ways, interleaved round by round (each round in a
// rotated order) so that the machine's noise falls on all of them alike. One warm-up round is discarded.
//   floor                  three bare requests (floor-login.ts)
//   headless               the engine into a fresh cache dir + the SPA storageState (the headline)
//   headlessKnownIssuer    the same with discovery and JWKS already cached (a later run's cold tokens)
//   headlessServerSession  the engine + the server-session storageState (walks the app's login headlessly)
//   ui                     the SPA's sign-in in Chromium (same state as `headless`: okta-token-storage)
//   uiServerSession        /profile's sign-in in Chromium (same state as `headlessServerSession`)
import { performance } from 'node:perf_hooks';
import type { Browser } from '@playwright/test';
import type { DemoStack } from '../tests/demo-app/stack.js';
import { IDENTITIES, PASSWORD, oktaEnv, tempDir } from './env.js';
import { floorLogin } from './floor-login.js';
import { headlessLogin } from './headless-login.js';
import { progress } from './log.js';
import { median, round } from './stats.js';
import { uiLogin } from './ui-login.js';

const WAYS = ['floor', 'headless', 'headlessKnownIssuer', 'headlessServerSession', 'ui', 'uiServerSession'] as const;
type Way = (typeof WAYS)[number];

export interface ColdLoginResult {
  identity: string;
  rounds: number;
  /** Medians, ms. */
  floorMs: number;
  headlessMs: number;
  headlessKnownIssuerMs: number;
  headlessServerSessionMs: number;
  uiMs: number;
  uiServerSessionMs: number;
  samples: Record<Way, number[]>;
}

export async function measureColdLogin(stack: DemoStack, browser: Browser, rounds: number): Promise<ColdLoginResult> {
  const identity = IDENTITIES[0];
  const knownIssuerDir = await tempDir('cache-known-issuer');
  const uiTarget = { appUrl: stack.appUrl, orgUrl: stack.emulator.orgUrl, username: identity.username, password: PASSWORD, name: identity.name };
  const floorTarget = {
    orgUrl: stack.emulator.orgUrl,
    issuer: stack.emulator.issuer,
    clientId: 'demo-spa',
    redirectUri: stack.spaRedirectUri,
    username: identity.username,
    password: PASSWORD,
  };

  const once: Record<Way, () => Promise<number>> = {
    floor: () => timed(() => floorLogin(floorTarget)),
    headless: async () => {
      const env = oktaEnv(stack, await tempDir('cache-cold'));
      return timed(() => headlessLogin(env, identity.role, 'spa'));
    },
    headlessKnownIssuer: () => timed(() => headlessLogin(oktaEnv(stack, knownIssuerDir), identity.role, 'spa')),
    headlessServerSession: async () => {
      const env = oktaEnv(stack, await tempDir('cache-cold'));
      return timed(() => headlessLogin(env, identity.role, 'server-session'));
    },
    ui: async () => (await uiLogin(browser, uiTarget, 'spa')).ms,
    uiServerSession: async () => (await uiLogin(browser, uiTarget, 'server-session')).ms,
  };

  const samples = Object.fromEntries(WAYS.map((way) => [way, [] as number[]])) as Record<Way, number[]>;
  for (let r = 0; r <= rounds; r++) {
    const order = WAYS.map((_, i) => WAYS[(i + r) % WAYS.length]!);
    for (const way of order) {
      const ms = await once[way]();
      if (r > 0) samples[way].push(ms);
    }
    if (r > 0) {
      const last = (way: Way) => Math.round(samples[way].at(-1)!);
      progress(`cold login round ${r}/${rounds}: floor ${last('floor')} ms, headless ${last('headless')} ms, ui ${last('ui')} ms`);
    }
  }

  const med = (way: Way) => round(median(samples[way]));
  return {
    identity: `${identity.role} (${identity.username})`,
    rounds,
    floorMs: med('floor'),
    headlessMs: med('headless'),
    headlessKnownIssuerMs: med('headlessKnownIssuer'),
    headlessServerSessionMs: med('headlessServerSession'),
    uiMs: med('ui'),
    uiServerSessionMs: med('uiServerSession'),
    samples: Object.fromEntries(WAYS.map((way) => [way, samples[way].map((ms) => round(ms))])) as Record<Way, number[]>,
  };
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

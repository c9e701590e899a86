// Measure 4: wall time of the same 50 end-to-end tests signed in three ways (e2e-suites.ts), with the same
// workers, alternating the order run by run (A B C, C B A, …) so that drifting load falls on all alike.
// Every run starts cold: a new cache dir for ours, a new project (so no saved state) for the UI recipes.
// All three sign in the same one identity; tests open /profile of the server-session site.
import type { DemoStack } from '../tests/demo-app/stack.js';
import { assertPassed, runPlaywright, writeProject } from './child-run.js';
import { oktaEnv, PASSWORD, tempDir } from './env.js';
import { E2E_VARIANTS, e2eSpec, type E2eVariant } from './e2e-suites.js';
import { progress } from './log.js';
import { median, ratio, round } from './stats.js';
import { configFile } from './suites.js';

const TESTS = 50;
const WORKERS = 2;
const RUN_TIMEOUT_MS = 240_000;
const SIGN_INS = ['POST /api/v1/authn', 'POST /login/login.htm'];

export interface SuiteTimeResult {
  tests: number;
  workers: number;
  runs: number;
  /** Median wall time, ms, spawn to exit. */
  storageStateMs: number;
  uiPerWorkerMs: number;
  uiPerTestMs: number;
  uiPerTestOverStorageState: number;
  uiPerWorkerOverStorageState: number;
  /** Password sign-ins Okta saw per run (authn API + hosted page). */
  signInsPerRun: Record<E2eVariant, number>;
  samples: Record<E2eVariant, number[]>;
}

export async function measureSuiteTime(stack: DemoStack, executablePath: string | undefined, runs: number): Promise<SuiteTimeResult> {
  const samples = Object.fromEntries(E2E_VARIANTS.map((variant) => [variant, [] as number[]])) as Record<E2eVariant, number[]>;
  const signInsPerRun = {} as Record<E2eVariant, number>;
  for (let r = 0; r < runs; r++) {
    const order = r % 2 === 0 ? [...E2E_VARIANTS] : [...E2E_VARIANTS].reverse();
    for (const variant of order) {
      const dir = await writeProject(`e2e-${variant}`, {
        'playwright.config.ts': configFile({
          workers: WORKERS,
          baseURL: stack.appUrl,
          globalSetup: variant === 'storageState',
          projectUse: variant === 'storageState' ? { oktaRole: 'admin', oktaStorage: 'server-session' } : {},
          executablePath,
        }),
        'profile.spec.ts': e2eSpec(variant, TESTS),
      });
      const env = {
        ...oktaEnv(stack, await tempDir('cache-cold')),
        // One identity, as in the UI recipes: global setup then logs in exactly once.
        OKTA_ROLES: 'admin',
        BENCH_APP_URL: stack.appUrl,
        BENCH_ORG_URL: stack.emulator.orgUrl,
        BENCH_PASSWORD: PASSWORD,
      };
      const before = signIns(stack);
      const run = await runPlaywright([], { cwd: dir, env, timeoutMs: RUN_TIMEOUT_MS });
      assertPassed(run, `suite time (${variant}, run ${r + 1})`, TESTS);
      signInsPerRun[variant] = signIns(stack) - before;
      samples[variant].push(Math.round(run.wallMs));
      progress(`suite time run ${r + 1}/${runs}, ${variant}: ${round(run.wallMs / 1000)} s, ${signInsPerRun[variant]} sign-ins`);
    }
  }
  const med = (variant: E2eVariant) => Math.round(median(samples[variant]));
  return {
    tests: TESTS,
    workers: WORKERS,
    runs,
    storageStateMs: med('storageState'),
    uiPerWorkerMs: med('uiPerWorker'),
    uiPerTestMs: med('uiPerTest'),
    uiPerTestOverStorageState: ratio(med('uiPerTest'), med('storageState')),
    uiPerWorkerOverStorageState: ratio(med('uiPerWorker'), med('storageState')),
    signInsPerRun,
    samples,
  };
}

function signIns(stack: DemoStack): number {
  const stats = stack.emulator.stats();
  return SIGN_INS.reduce((sum, key) => sum + (stats[key] ?? 0), 0);
}

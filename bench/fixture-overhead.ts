// Measure 3: what our bearer fixture adds to a test. One run holds the same 200 API tests twice,
// interleaved: with `oktaRequest`, and with Playwright's own `request` plus a header fixed before the run
// (suites.ts says why both are declared with our `test`). Both kinds share the run, the workers and the noise. Per-test durations come from the JSON reporter
// (they include test-scoped fixture set-up and teardown); per run we take each kind's trimmed mean (the
// reporter's whole milliseconds are too coarse for a median) and the difference; the result is the
// median difference over the runs. The cache is warm (a login is measure 1's business, not this one's).
import { acquireTokens, loadConfig } from '../fixtures/engine/index.js';
import type { DemoStack } from '../tests/demo-app/stack.js';
import { assertPassed, runPlaywright, testResults, writeProject } from './child-run.js';
import { IDENTITIES, oktaEnv, tempDir } from './env.js';
import { progress } from './log.js';
import { median, round, trimmedMean } from './stats.js';
import { configFile, overheadSpec } from './suites.js';

const TESTS = 200;
const WORKERS = 2;
const RUN_TIMEOUT_MS = 180_000;

export interface FixtureOverheadResult {
  tests: number;
  workers: number;
  runs: number;
  /** Median over runs of (fixture − plain), ms per test. */
  msPerTest: number;
  /** Per run: trimmed-mean ms per test of each kind, and their medians. */
  perRun: Array<{ fixtureMs: number; plainMs: number; fixtureMedianMs: number; plainMedianMs: number; differenceMs: number }>;
}

export async function measureFixtureOverhead(stack: DemoStack, runs: number): Promise<FixtureOverheadResult> {
  const env = oktaEnv(stack, await tempDir('cache-warm'));
  const config = loadConfig(env);
  for (const { role } of IDENTITIES) {
    const { tokens } = await acquireTokens(config, role, { warn: () => {} });
    env[`BENCH_${role.toUpperCase()}_AUTHORIZATION`] = `${tokens.tokenType} ${tokens.accessToken}`;
  }
  const dir = await writeProject('overhead', {
    'playwright.config.ts': configFile({ workers: WORKERS, baseURL: stack.appUrl, globalSetup: true }),
    'overhead.spec.ts': overheadSpec(TESTS),
  });

  const perRun: FixtureOverheadResult['perRun'] = [];
  for (let r = 1; r <= runs; r++) {
    const run = await runPlaywright([], { cwd: dir, env, timeoutMs: RUN_TIMEOUT_MS });
    assertPassed(run, `fixture overhead run ${r}`, 2 * TESTS);
    const results = testResults(run.report!);
    const durations = (kind: string) => results.filter((result) => result.title.startsWith(`${kind} `)).map((result) => result.duration);
    const fixture = durations('fixture');
    const plain = durations('plain');
    const row = {
      fixtureMs: round(trimmedMean(fixture), 2),
      plainMs: round(trimmedMean(plain), 2),
      fixtureMedianMs: median(fixture),
      plainMedianMs: median(plain),
      differenceMs: round(trimmedMean(fixture) - trimmedMean(plain), 2),
    };
    perRun.push(row);
    progress(`fixture overhead run ${r}/${runs}: oktaRequest ${row.fixtureMs} ms/test, plain request ${row.plainMs} ms/test, +${row.differenceMs} ms`);
  }
  return { tests: TESTS, workers: WORKERS, runs, msPerTest: round(median(perRun.map((row) => row.differenceMs)), 2), perRun };
}

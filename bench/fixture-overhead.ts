// Measure 3: what our bearer fixture adds to a test. One run holds the same 200 API tests twice,
// interleaved pair by pair: with `oktaRequest`, and with Playwright's own `request` plus a header fixed
// before the run (suites.ts says why both are declared with our `test`). Both kinds share the run, the
// workers and the noise. Per-test durations come from the JSON reporter (they include test-scoped fixture
// set-up and teardown). Per run: the difference within each pair (the two tests ran next to each other, so
// the machine's drifting load cancels), averaged with 10% trimmed at each end (the reporter's whole
// milliseconds are too coarse for a median). The result is the median over the runs, with their spread.
// The cache is warm: a login is measure 1's business, not this one's.
import { acquireTokens, loadConfig } from '../src/engine/index.js';
import type { DemoStack } from '../tests/demo-app/stack.js';
import { assertPassed, runPlaywright, testResults, writeProject } from './child-run.js';
import { IDENTITIES, oktaEnv, tempDir } from './env.js';
import { progress } from './log.js';
import { median, round, trimmedMean } from './stats.js';
import { configFile, overheadSpec } from './suites.js';

const TESTS = 200;
const WORKERS = 2;
const RUN_TIMEOUT_MS = 180_000;

export interface FixtureOverheadRun {
  /** Trimmed mean of (oktaRequest test − its plain twin), ms. */
  pairedMs: number;
  /** Trimmed means of each kind, ms per test. */
  fixtureMs: number;
  plainMs: number;
}

export interface FixtureOverheadResult {
  tests: number;
  workers: number;
  runs: number;
  /** Median over runs of the paired difference, ms per test. */
  msPerTest: number;
  /** Lowest and highest run: how far the machine's noise moves the figure. */
  rangeMs: [number, number];
  perRun: FixtureOverheadRun[];
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

  const perRun: FixtureOverheadRun[] = [];
  for (let r = 1; r <= runs; r++) {
    const run = await runPlaywright([], { cwd: dir, env, timeoutMs: RUN_TIMEOUT_MS });
    assertPassed(run, `fixture overhead run ${r}`, 2 * TESTS);
    const results = testResults(run.report!);
    const plain = new Map(results.filter((result) => result.title.startsWith('plain ')).map((result) => [result.title.slice('plain '.length), result.duration]));
    const fixture = results.filter((result) => result.title.startsWith('fixture '));
    const paired = fixture.map((result) => result.duration - plain.get(result.title.slice('fixture '.length))!);
    const row = {
      pairedMs: round(trimmedMean(paired), 2),
      fixtureMs: round(trimmedMean(fixture.map((result) => result.duration)), 2),
      plainMs: round(trimmedMean([...plain.values()]), 2),
    };
    perRun.push(row);
    progress(`fixture overhead run ${r}/${runs}: oktaRequest ${row.fixtureMs} ms/test, plain request ${row.plainMs} ms/test, paired difference ${row.pairedMs} ms`);
  }
  const differences = perRun.map((row) => row.pairedMs);
  return {
    tests: TESTS,
    workers: WORKERS,
    runs,
    msPerTest: round(median(differences), 2),
    rangeMs: [Math.min(...differences), Math.max(...differences)],
    perRun,
  };
}

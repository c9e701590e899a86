// Measure 2: how many times Okta is asked for a login in a whole run. A suite of 200 API tests over two
// identities runs with 1, 2, 4 and 8 workers, each time on a cold cache (a new cache dir), and the
// emulator's authn count is read before and after. Twice per worker count: with the documented global
// setup, and without it (UI mode, one file from an editor), where the workers race for the login and only
// the engine's lock keeps it to one. Then a second run on the 4-worker run's warm cache: it should cost nothing.
import type { DemoStack } from '../tests/demo-app/stack.js';
import { assertPassed, runPlaywright, writeProject } from './child-run.js';
import { authnCount, IDENTITIES, oktaEnv, tempDir } from './env.js';
import { progress } from './log.js';
import { apiSpec, configFile } from './suites.js';

export const WORKER_COUNTS = [1, 2, 4, 8] as const;
const TESTS = 200;
const RUN_TIMEOUT_MS = 180_000;

export interface LoginsPerRunResult {
  tests: number;
  identities: number;
  /** Authn requests per cold run, by worker count, with global setup. */
  withGlobalSetup: Record<string, number>;
  /** The same without global setup: the fixtures log in on first use. */
  withoutGlobalSetup: Record<string, number>;
  /** Authn requests of a second run on the warm cache (with global setup, 4 workers). */
  warmRunLogins: number;
  /** The teardown's summary line of the warm run, e.g. `okta: 2 identities, 0 logins, …`. */
  warmRunSummary: string;
  /** Wall time per run, ms, for the record. */
  wallMs: Record<string, number>;
}

export async function measureLoginsPerRun(stack: DemoStack): Promise<LoginsPerRunResult> {
  const withGlobalSetup: Record<string, number> = {};
  const withoutGlobalSetup: Record<string, number> = {};
  const wallMs: Record<string, number> = {};
  let lastCache = '';

  for (const workers of WORKER_COUNTS) {
    for (const globalSetup of [true, false]) {
      const cacheDir = await tempDir('cache-cold');
      const dir = await writeProject('logins', {
        'playwright.config.ts': configFile({ workers, baseURL: stack.appUrl, globalSetup }),
        'api.spec.ts': apiSpec(TESTS),
      });
      const before = authnCount(stack);
      const run = await runPlaywright([], { cwd: dir, env: oktaEnv(stack, cacheDir), timeoutMs: RUN_TIMEOUT_MS });
      const label = `${workers} worker${workers > 1 ? 's' : ''}, ${globalSetup ? 'with' : 'without'} global setup`;
      assertPassed(run, `logins per run (${label})`, TESTS);
      const logins = authnCount(stack) - before;
      (globalSetup ? withGlobalSetup : withoutGlobalSetup)[String(workers)] = logins;
      wallMs[`${workers}-${globalSetup ? 'setup' : 'lazy'}`] = Math.round(run.wallMs);
      progress(`logins per run, ${label}: ${logins} authn for ${TESTS} tests (${Math.round(run.wallMs / 1000)} s)`);
      if (globalSetup && workers === 4) lastCache = cacheDir;
    }
  }

  const dir = await writeProject('logins-warm', {
    'playwright.config.ts': configFile({ workers: 4, baseURL: stack.appUrl, globalSetup: true }),
    'api.spec.ts': apiSpec(TESTS),
  });
  const before = authnCount(stack);
  const warm = await runPlaywright([], { cwd: dir, env: oktaEnv(stack, lastCache), timeoutMs: RUN_TIMEOUT_MS });
  assertPassed(warm, 'logins per run (warm second run)', TESTS);
  const warmRunLogins = authnCount(stack) - before;
  const warmRunSummary = warm.output.match(/okta: \d+ identit[^\n]*/)?.[0] ?? '(no summary line)';
  wallMs['4-setup-warm'] = Math.round(warm.wallMs);
  progress(`logins per run, warm second run (4 workers): ${warmRunLogins} authn; ${warmRunSummary}`);

  return { tests: TESTS, identities: IDENTITIES.length, withGlobalSetup, withoutGlobalSetup, warmRunLogins, warmRunSummary, wallMs };
}

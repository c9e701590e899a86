// `npm run bench`: the four measures of issue 6 and the per-run cost of issue 10, one after the other on
// one demo stack (emulator + demo app on free ports) and one Chromium, then bench/results.{json,md} and
// bench/chart.svg.
//   npm run bench                   everything, results written
//   npm run bench -- --only cold    one measure (cold | logins | overhead | suite | run), printed, nothing written
//   npm run bench -- --only flows   cold logins through authn, IDX and Direct Authentication side by side (printed)
// Repetitions fit a 15-minute budget on 2 cores; BENCH_COLD_ROUNDS, BENCH_OVERHEAD_RUNS, BENCH_SUITE_RUNS,
// BENCH_RUN_ROUNDS and BENCH_RUN_BROWSER_ROUNDS override them. The peer of the per-run measure is the
// bench's own dependency (bench/package.json), installed into bench/node_modules on the first run.
import { rm } from 'node:fs/promises';
import { chromium } from '@playwright/test';
import { findChromium } from '../fixtures/find-browser.js';
import { startDemoStack } from '../tests/demo-app/stack.js';
import { measureColdLogin } from './cold-login.js';
import { tempDirs } from './env.js';
import { measureFixtureOverhead } from './fixture-overhead.js';
import { elapsedSeconds, progress } from './log.js';
import { measureLoginFlows, flowsTable } from './login-flows.js';
import { measureLoginsPerRun } from './logins-per-run.js';
import { machine } from './machine.js';
import { ensurePeerInstalled } from './peer-install.js';
import { EXTRA_USERS, measurePerRun } from './per-run.js';
import { writeReport } from './report.js';
import { buildResults } from './results.js';
import { measureSuiteTime } from './suite-time.js';

const MEASURES = ['cold', 'logins', 'overhead', 'suite', 'run', 'flows'] as const;
// `flows` runs only when asked for by name: it has its own Identity Engine emulator and prints its table.
const COLD_ROUNDS = count('BENCH_COLD_ROUNDS', 8);
const OVERHEAD_RUNS = count('BENCH_OVERHEAD_RUNS', 3);
const SUITE_RUNS = count('BENCH_SUITE_RUNS', 1);
const RUN_ROUNDS = count('BENCH_RUN_ROUNDS', 3);
const RUN_BROWSER_ROUNDS = count('BENCH_RUN_BROWSER_ROUNDS', 1);

async function main(): Promise<void> {
  const only = onlyArgument();
  const host = machine();
  progress(`on ${host.cpu}, ${host.cores} cores, Node ${host.node}, load ${host.loadAverageAtStart}${only ? `; only ${only}` : ''}`);
  if (only === 'flows') {
    const result = await measureLoginFlows(count('BENCH_FLOW_ROUNDS', 8));
    console.log(flowsTable(result));
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  const browser = findChromium();
  const wanted = (measure: (typeof MEASURES)[number]) => !only || only === measure;
  if (wanted('run')) await ensurePeerInstalled();
  const stack = await startDemoStack(undefined, EXTRA_USERS);
  progress(`emulator ${stack.emulator.issuer}, demo app ${stack.appUrl}`);
  const chrome = await chromium.launch(browser.executablePath ? { executablePath: browser.executablePath } : {});
  try {
    const coldLogin = wanted('cold') ? await measureColdLogin(stack, chrome, COLD_ROUNDS) : undefined;
    const logins = wanted('logins') ? await measureLoginsPerRun(stack) : undefined;
    const overhead = wanted('overhead') ? await measureFixtureOverhead(stack, OVERHEAD_RUNS) : undefined;
    const suiteTime = wanted('suite') ? await measureSuiteTime(stack, browser.executablePath, SUITE_RUNS) : undefined;
    const perRun = wanted('run')
      ? await measurePerRun(stack, browser.executablePath, { rounds: RUN_ROUNDS, browserRounds: RUN_BROWSER_ROUNDS })
      : undefined;

    if (only) {
      console.log(JSON.stringify(coldLogin ?? logins ?? overhead ?? suiteTime ?? perRun, null, 2));
      return;
    }
    const results = buildResults({
      command: 'npm run bench',
      machine: host,
      benchSeconds: elapsedSeconds(),
      coldLogin: coldLogin!,
      logins: logins!,
      overhead: overhead!,
      suiteTime: suiteTime!,
      perRun: perRun!,
    });
    const files = await writeReport(results);
    progress(`wrote ${files.join(', ')}`);
    for (const goal of results.goals) progress(`${goal.met ? 'met    ' : 'NOT MET'} ${goal.what}: ${goal.value} (goal ${goal.goal})`);
    progress(`suite time: ours ${results.suiteTime.storageStateMs} ms, UI per worker ×${results.suiteTime.uiPerWorkerOverStorageState}, UI per test ×${results.suiteTime.uiPerTestOverStorageState}`);
    progress(`per-run cost: ours at most ${results.perRun.oursOverPlainMaxMs} ms over plain Playwright, ${results.perRun.oursOverPeerMaxMs} ms over the peer`);
  } finally {
    await chrome.close();
    await stack.close();
    await Promise.all(tempDirs().map((dir) => rm(dir, { recursive: true, force: true })));
  }
}

function onlyArgument(): (typeof MEASURES)[number] | undefined {
  const index = process.argv.indexOf('--only');
  if (index < 0) return undefined;
  const value = process.argv[index + 1];
  if (!MEASURES.includes(value as (typeof MEASURES)[number])) throw new TypeError(`--only takes one of ${MEASURES.join(', ')}`);
  return value as (typeof MEASURES)[number];
}

function count(variable: string, fallback: number): number {
  const value = Number(process.env[variable] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 100) throw new TypeError(`${variable} must be a whole number from 1 to 100`);
  return value;
}

main().catch((error: unknown) => {
  console.error(`bench: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
});

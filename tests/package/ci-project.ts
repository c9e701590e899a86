// The README's GitHub Actions workflow, run here: a throwaway project (the Quick start's files, installed
// from the tarball, plus more API tests so that every shard has some), its jobs in order, each matrix
// entry as a machine of its own, against the packaged emulator and the user's small app. Substituted, and
// only this: `${{ vars.* }}`/`${{ secrets.* }}` come from the emulator (a user pool of shards × workers
// accounts made with --user), APP_BASE_URL's localhost:3000 is the app's port, `npx playwright install`
// is skipped (this machine cannot download browsers: CHROMIUM_PATH instead, through the local config),
// and the `actions/*` steps are done by hand (checkout = a machine with no cache; artifacts = copies).
// It returns what happened; the spec judges it.
import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEMO } from '../../src/emulator/state/seed.js';
import type { EmulatorAudit } from '../../src/emulator/types.js';
import type { QuickStart } from './readme.js';
import { cleanEnv, run, runOk, startEmulatorProcess, type EmulatorProcess, type Ran } from './processes.js';
import { startUserApp } from './user-app.js';
import { LOCAL_CONFIG_FILE, NPM_FLAGS, createProject, demoEnv, quickStartPackages, writeQuickStartFiles } from './user-project.js';
import { expand, globToRegExp, runs, type ExpressionContext, type Job, type Workflow } from './workflow.js';

/** A password of this run's own (not the demo seed's), so that the secrets scan looks for one a log could only have copied from the env. */
export const POOL_PASSWORD = 'Ci-Pool-Pa55-7f3k';
/** The user's other API tests, beside the Quick start's two: 6 files for 3 shards. */
const EXTRA_API_FILES = 4;

export interface StepRun {
  job: string;
  /** The matrix entry (`1/3`), for the matrix job. */
  shard?: string;
  /** The step as the README has it (`run:` or `uses:`), and what ran instead when something was substituted. */
  step: string;
  command?: string;
  ran?: Ran;
  skipped?: string;
  /** POST /api/v1/authn logins the emulator saw during the step, in order. */
  logins: string[];
}

export interface CiRun {
  installMs: number;
  steps: StepRun[];
  pool: string[];
  workers: number;
  shards: string[];
  /** `test(` calls in the project's spec files: what the merged report must count. */
  tests: number;
  htmlReport: boolean;
  mergedJson: { ran: Ran; report: MergedReport | undefined };
  /** Each shard's blob report alone, as JSON, in matrix order. */
  shardReports: Array<MergedReport | undefined>;
  audit: EmulatorAudit;
}

export interface MergedReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  suites: JsonSuite[];
}
export interface JsonSuite {
  title: string;
  specs: Array<{ title: string; file: string; tests: JsonTest[] }>;
  suites?: JsonSuite[];
}

export interface JsonTest {
  projectName: string;
  status: string;
  annotations: Array<{ type: string; description?: string }>;
  results: Array<{ status: string; parallelIndex: number }>;
}

export interface CiOptions {
  root: string;
  tarball: string;
  quickStart: QuickStart;
  playwright: string;
  chromium: string;
  freePort: () => Promise<number>;
  /** Everything started is registered here, for the spec's afterAll to stop, pass or fail. */
  closers: Array<() => Promise<void>>;
}

export async function runCiWorkflow(workflow: Workflow, options: CiOptions): Promise<CiRun> {
  const dir = path.join(options.root, 'project');
  const artifacts = path.join(options.root, 'artifacts');
  const testJob = workflow.jobs.test!;
  const shards = (testJob.strategy?.matrix?.shard ?? []).map(String);
  const testStep = testJob.steps.find((step) => /npx playwright test/.test(step.run ?? ''))?.run ?? '';
  const workers = Number(/--workers[= ](\d+)/.exec(testStep)?.[1] ?? 1);

  // The org: the packaged emulator with a user pool of one account per worker of every shard.
  const pool = Array.from({ length: shards.length * workers }, (_, i) => `ci-user-${i + 1}@example.com`);
  await createProject(dir, 'esm');
  const installStarted = performance.now();
  await runOk('npm', ['i', '-D', ...NPM_FLAGS, ...quickStartPackages(options.quickStart, options.tarball, options.playwright)], { cwd: dir });
  const installMs = performance.now() - installStarted;
  const emulator = await startEmulatorProcess(dir, await options.freePort(), pool.flatMap((login) => ['--user', `${login}:${POOL_PASSWORD}`]));
  options.closers.push(emulator.stop);
  const app = await startUserApp(emulator.issuer);
  options.closers.push(app.close);

  // The repository the workflow checks out: the Quick start's files without .env (git-ignored, so no
  // checkout has one: CI passes the variables instead), and the user's other API tests.
  await writeQuickStartFiles(dir, options.quickStart, demoEnv(emulator.issuer, app.url));
  await rm(path.join(dir, '.env'));
  for (let i = 1; i <= EXTRA_API_FILES; i++) await writeFile(path.join(dir, 'tests', `pool-${i}.api.spec.ts`), poolTest(i));

  const vars = {
    OKTA_ISSUER: emulator.issuer,
    OKTA_CLIENT_ID: DEMO.spaClientId,
    OKTA_REDIRECT_URI: `${DEMO.appOrigin}${DEMO.spaRedirectPath}`,
    OKTA_ADMIN_USERNAME: DEMO.roles.admin,
    OKTA_USER_POOL: pool.join(','),
  };
  const secrets = { OKTA_ADMIN_PASSWORD: DEMO.password, OKTA_USER_PASSWORD: POOL_PASSWORD };
  const machine: Machine = { dir, artifacts, app: app.url, chromium: options.chromium, emulator, npmCiDone: false, shardArtifacts: [] };

  const steps: StepRun[] = [];
  for (const [name, job] of orderedJobs(workflow)) {
    const entries = job.strategy?.matrix ? shards : [undefined];
    for (const [index, shard] of entries.entries()) {
      const context: ExpressionContext = { vars, secrets, matrix: shard ? { shard } : {}, strategy: { 'job-index': index } };
      if (!runs(job.if, context)) continue;
      steps.push(...(await runJob(name, job, shard, context, machine)));
    }
  }

  // The report job's merge once more, as JSON, to count the merged tests.
  const merge = workflow.jobs.report!.steps.find((step) => /merge-reports/.test(step.run ?? ''))!.run!;
  const mergedJson = await jsonReport(dir, merge.replace('--reporter html', '--reporter json'), path.join(options.root, 'merged.json'));
  // And each shard's blob report alone, to tell which tests ran on which machine (the merged JSON does not).
  const shardReports: Array<MergedReport | undefined> = [];
  for (const artifact of machine.shardArtifacts) {
    const each = await jsonReport(dir, `npx playwright merge-reports --reporter json ${JSON.stringify(artifact)}`, path.join(options.root, `${path.basename(artifact)}.json`));
    shardReports.push(each.report);
  }

  const specs = (await readdir(path.join(dir, 'tests'))).filter((file) => file.endsWith('.spec.ts'));
  let tests = 0;
  for (const file of specs) tests += (await readFile(path.join(dir, 'tests', file), 'utf8')).match(/^test\(/gm)?.length ?? 0;

  return {
    installMs,
    steps,
    pool,
    workers,
    shards,
    tests,
    htmlReport: existsSync(path.join(dir, 'playwright-report', 'index.html')),
    mergedJson,
    shardReports,
    audit: await emulator.audit(),
  };
}

interface Machine {
  dir: string;
  artifacts: string;
  app: string;
  chromium: string;
  emulator: EmulatorProcess;
  npmCiDone: boolean;
  /** The matrix job's uploads, in matrix order. */
  shardArtifacts: string[];
}

async function runJob(name: string, job: Job, shard: string | undefined, context: ExpressionContext, machine: Machine): Promise<StepRun[]> {
  const { dir } = machine;
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(job.env ?? {})) {
    // The app under test listens on a port of its own here.
    env[key] = String(value).includes('${{') ? expand(String(value), context) : String(value).replace('http://localhost:3000', machine.app);
  }
  const done: StepRun[] = [];
  for (const step of job.steps) {
    if (!runs(step.if, context)) continue;
    const record: StepRun = { job: name, step: step.run ?? step.uses!, logins: [], ...(shard ? { shard } : {}) };
    done.push(record);
    // As on GitHub: after a failed step only the steps with an `if` of their own (`!cancelled()`) run.
    if (step.if === undefined && done.some((earlier) => earlier.ran && earlier.ran.code !== 0)) {
      record.skipped = 'an earlier step failed';
      continue;
    }
    const action = step.uses?.replace(/@.*$/, '');
    const input = (key: string): string => expand(String(step.with?.[key] ?? ''), context);
    if (action === 'actions/checkout') {
      // A fresh machine: no token cache, no reports of another shard.
      for (const leftover of ['playwright/.auth', 'blob-report', 'test-results', 'playwright-report']) await rm(path.join(dir, leftover), { recursive: true, force: true });
      record.skipped = 'the project directory is the checkout; a fresh machine has no token cache';
    } else if (action === 'actions/setup-node') {
      record.skipped = `this machine's Node ${process.version}`;
    } else if (action === 'actions/upload-artifact') {
      const from = path.join(dir, input('path'));
      if (!existsSync(from)) throw new Error(`${step.uses}: ${input('path')} does not exist`);
      await cp(from, path.join(machine.artifacts, input('name')), { recursive: true });
      if (shard) machine.shardArtifacts.push(path.join(machine.artifacts, input('name')));
      record.skipped = `copied ${input('path')} to artifact ${input('name')}`;
    } else if (action === 'actions/download-artifact') {
      const pattern = globToRegExp(input('pattern'));
      const names = existsSync(machine.artifacts) ? (await readdir(machine.artifacts)).filter((artifact) => pattern.test(artifact)) : [];
      if (input('merge-multiple') !== 'true') throw new Error('only merge-multiple: true is emulated');
      await mkdir(path.join(dir, input('path')), { recursive: true });
      for (const artifact of names) await cp(path.join(machine.artifacts, artifact), path.join(dir, input('path')), { recursive: true });
      record.skipped = `copied ${names.length} artifacts into ${input('path')}`;
    } else if (step.uses) {
      throw new Error(`no emulation of ${step.uses}`);
    } else if (/^npx playwright install\b/.test(step.run!)) {
      record.skipped = `this machine cannot download Playwright's browsers; the tests use ${machine.chromium} (CHROMIUM_PATH)`;
    } else if (step.run === 'npm ci' && machine.npmCiDone) {
      record.skipped = 'the jobs share one checkout and one node_modules here; npm ci ran once';
    } else {
      // Playwright's own Chromium is not installed: the local config adds CHROMIUM_PATH to the user's.
      record.command = expand(step.run!, context).replace(/^npx playwright test\b/, `npx playwright test -c ${LOCAL_CONFIG_FILE}`);
      const before = (await machine.emulator.audit()).authn.length;
      record.ran = await run('bash', ['-e', '-c', record.command], { cwd: dir, env: cleanEnv({ CI: 'true', CHROMIUM_PATH: machine.chromium, ...env }) });
      record.logins = (await machine.emulator.audit()).authn.slice(before).map((attempt) => attempt.login);
      if (step.run === 'npm ci') machine.npmCiDone = true;
    }
  }
  return done;
}

/** `merge-reports --reporter json` into `file`: how it ran, and the report. */
async function jsonReport(dir: string, command: string, file: string): Promise<{ ran: Ran; report: MergedReport | undefined }> {
  const ran = await run('bash', ['-e', '-c', command], { cwd: dir, env: cleanEnv({ PLAYWRIGHT_JSON_OUTPUT_NAME: file }) });
  return { ran, report: existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as MergedReport) : undefined };
}

/** Jobs in an order that honours `needs`. */
function orderedJobs(workflow: Workflow): Array<[string, Job]> {
  const ordered: Array<[string, Job]> = [];
  const pending = Object.entries(workflow.jobs);
  while (pending.length) {
    const next = pending.findIndex(([, job]) => (job.needs ?? []).every((need) => ordered.some(([name]) => name === need)));
    if (next < 0) throw new Error('the workflow\'s jobs need each other in a cycle');
    ordered.push(pending.splice(next, 1)[0]!);
  }
  return ordered;
}

function poolTest(n: number): string {
  return `import { test, expect } from 'playwright-okta';

test('pool ${n}: the API answers as the worker\\'s account of the pool', async ({ oktaRequest, oktaTokens }) => {
  const response = await oktaRequest.get('/api/me');
  expect(response.status()).toBe(200);
  expect((await response.json()).preferred_username).toBe(oktaTokens.username);
  test.info().annotations.push({ type: 'okta-user', description: oktaTokens.username });
});
`;
}

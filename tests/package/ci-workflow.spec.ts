// "If the README says it, a test runs it": the README's GitHub Actions workflow (between its
// `<!-- ci-workflow:start/end -->` markers), parsed as the runner parses it and then run, job by job and
// shard by shard, in a throwaway project installed from the tarball, against the packaged emulator
// (ci-project.ts says what is substituted, and why). The run starts with the first test that needs it;
// the tests judge one part each.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { DEMO } from '../../src/emulator/state/seed.js';
import { findChromium } from '../../fixtures/find-browser.js';
import { repoRoot } from '../support/child-run.js';
import { freePort } from '../support/free-port.js';
import { readQuickStart } from './readme.js';
import { readmeBlock } from './readme.js';
import { scrub } from './processes.js';
import { packTarball } from './tarball.js';
import { POOL_PASSWORD, runCiWorkflow, type CiRun, type JsonSuite, type StepRun } from './ci-project.js';
import { parseWorkflow } from './workflow.js';

const LOCKED_PLAYWRIGHT: string = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')).packages['node_modules/@playwright/test'].version;
// The browser this repository's config chose; Playwright's own needs none named.
const CHROMIUM = findChromium().executablePath ?? '/usr/bin/chromium';

const block = readmeBlock('ci-workflow');
const workflow = parseWorkflow(block.body);

test.describe.configure({ timeout: 8 * 60_000 });

let root: string | undefined;
const closers: Array<() => Promise<void>> = [];
let ciRun: Promise<CiRun> | undefined;

/** The workflow's run, started by the first test that needs it and shared by the others. */
function workflowRun(): Promise<CiRun> {
  ciRun ??= (async () => {
    const started = performance.now();
    root = await mkdtemp(path.join(tmpdir(), 'okta-ci-'));
    const tarball = await packTarball(root);
    const result = await runCiWorkflow(workflow, { root, tarball: tarball.file, quickStart: readQuickStart(), playwright: LOCKED_PLAYWRIGHT, chromium: CHROMIUM, freePort, closers });
    const durations = result.steps.filter((step) => step.ran).map((step) => `${step.shard ?? step.job} \`${step.command}\` ${seconds(step.ran!.ms)}`);
    console.log(`ci-workflow: install ${seconds(result.installMs)}; ${durations.join('; ')}; all ${seconds(performance.now() - started)}`);
    return result;
  })();
  return ciRun;
}

test.afterAll(async () => {
  if (ciRun) await ciRun.catch(() => {});
  await Promise.all(closers.map((close) => close()));
  if (root) await rm(root, { recursive: true, force: true });
});

test('the README\'s workflow: a shard matrix, variables the engine knows, passwords from secrets, actions/* steps', () => {
  expect(block.language).toBe('yaml');
  expect(Object.keys(workflow.jobs)).toEqual(['test', 'report']);
  const { test: shardJob, report } = workflow.jobs as Record<'test' | 'report', (typeof workflow.jobs)[string]>;

  // A matrix of shards 1/N … N/N, none missing, that does not stop the others when one fails.
  const shards = shardJob.strategy!.matrix!.shard!.map(String);
  expect(shards).toEqual(shards.map((_, i) => `${i + 1}/${shards.length}`));
  expect(shards.length).toBeGreaterThan(1);
  expect(shardJob.strategy!['fail-fast']).toBe(false);
  const testStep = shardJob.steps.find((step) => /npx playwright test/.test(step.run ?? ''))!;
  expect(testStep.run).toContain('--shard=${{ matrix.shard }}');
  expect(testStep.run).toContain('--reporter=blob');

  // Every variable is one the engine reads (.env.example lists them all; OKTA_<ROLE>_* for each role
  // of OKTA_ROLES, with the suffixes .env.example shows for its roles).
  const env = shardJob.env!;
  const example = readFileSync(path.join(repoRoot, '.env.example'), 'utf8');
  const known = [...example.matchAll(/^#? ?([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]!);
  const exampleRoles = ['ADMIN', 'USER', 'SERVICE'].filter((role) => known.some((name) => name.startsWith(`OKTA_${role}_`)));
  const roleSuffixes = new Set(known.flatMap((name) => exampleRoles.filter((role) => name.startsWith(`OKTA_${role}_`)).map((role) => name.slice(`OKTA_${role}_`.length))));
  const roles = String(env.OKTA_ROLES).split(',').map((role) => role.trim().toUpperCase());
  const unknown = Object.keys(env).filter((name) => {
    if (known.includes(name)) return false;
    const role = roles.find((candidate) => name.startsWith(`OKTA_${candidate}_`));
    return !role || !roleSuffixes.has(name.slice(`OKTA_${role}_`.length));
  });
  expect(unknown, 'env names neither in .env.example nor OKTA_<ROLE>_* of OKTA_ROLES').toEqual([]);
  expect(Object.keys(env)).toEqual(expect.arrayContaining(['OKTA_ISSUER', 'OKTA_CLIENT_ID', 'APP_BASE_URL']));
  // Passwords come from secrets, never from vars or the file itself.
  for (const [name, value] of Object.entries(env).filter(([key]) => /PASSWORD|SECRET|PRIVATE_KEY/.test(key))) {
    expect(String(value), name).toMatch(/^\$\{\{ secrets\.\w+ \}\}$/);
  }
  // The pool's comment is the arithmetic the engine's pool rule needs.
  const workers = Number(/--workers=(\d+)/.exec(testStep.run!)![1]);
  expect(block.body).toContain(`${shards.length} shards × ${workers} workers = ${shards.length * workers} accounts`);

  // Only GitHub's own actions, pinned to a major version.
  const uses = [...shardJob.steps, ...report.steps].map((step) => step.uses).filter(Boolean);
  expect(uses.filter((action) => !/^actions\/[\w-]+@v\d+$/.test(action!))).toEqual([]);

  // The report job waits for the shards, downloads what they upload and merges that directory.
  expect(report.needs).toEqual(['test']);
  const upload = shardJob.steps.find((step) => step.uses?.startsWith('actions/upload-artifact'))!;
  expect(upload.with!.path).toBe('blob-report'); // the blob reporter's directory
  const download = report.steps.find((step) => step.uses?.startsWith('actions/download-artifact'))!;
  expect(download.with!['merge-multiple']).toBe(true);
  const merge = report.steps.find((step) => /merge-reports/.test(step.run ?? ''))!;
  expect(merge.run).toBe(`npx playwright merge-reports --reporter html ./${download.with!.path}`);
  const htmlUpload = report.steps.find((step) => step.uses?.startsWith('actions/upload-artifact'))!;
  expect(htmlUpload.with!.path).toBe('playwright-report'); // the HTML reporter's directory
});

test('its steps run in order on every shard, against the packaged emulator: doctor exits 0, the suite passes', async () => {
  const result = await workflowRun();
  const testJob = workflow.jobs.test!;
  for (const shard of result.shards) {
    const steps = result.steps.filter((step) => step.job === 'test' && step.shard === shard);
    // Every step of the job, in the README's order.
    expect(steps.map((step) => step.step)).toEqual(testJob.steps.map((step) => step.run ?? step.uses));
    for (const step of steps.filter((one) => one.ran)) {
      expect(step.ran!.code, `${shard}: ${step.command}\n${scrub(step.ran!.stdout + step.ran!.stderr)}`).toBe(0);
    }
    expect(stepOf(steps, /okta-token doctor/).ran, 'doctor ran').toBeDefined();
    expect(stepOf(steps, /playwright test/).command).toBe(`npx playwright test -c playwright.local.config.ts --shard=${shard} --workers=2 --reporter=blob`);
  }
  const report = result.steps.filter((step) => step.job === 'report');
  expect(report.map((step) => step.step)).toEqual(workflow.jobs.report!.steps.map((step) => step.run ?? step.uses));
  for (const step of report.filter((one) => one.ran)) expect(step.ran!.code, scrub(step.ran!.stdout + step.ran!.stderr)).toBe(0);
  expect(stepOf(report, /download-artifact/).skipped).toBe(`copied ${result.shards.length} artifacts into all-blob-reports`);
});

test('merge-reports makes one HTML report, and its JSON counts every test of every shard once, passed', async () => {
  const result = await workflowRun();
  expect(result.htmlReport, 'playwright-report/index.html').toBe(true);
  const { ran, report } = result.mergedJson;
  expect(ran.code, scrub(ran.stdout + ran.stderr)).toBe(0);
  expect(report, 'the merged JSON report').toBeDefined();
  expect(report!.stats).toMatchObject({ expected: result.tests, unexpected: 0, flaky: 0, skipped: 0 });
  const tests = report!.suites.flatMap(allSpecs).flatMap((spec) => spec.tests.map((one) => ({ id: `${spec.file} › ${spec.title} [${one.projectName}]`, status: one.status, runs: one.results.length })));
  expect(tests).toHaveLength(result.tests);
  expect(new Set(tests.map((one) => one.id)).size, 'each test once').toBe(result.tests);
  expect(tests.filter((one) => one.status !== 'expected' || one.runs !== 1)).toEqual([]);
  // Each test ran on one machine: the shards' own reports, none empty, add up to the merged one.
  const perShard = result.shardReports.map((one) => one?.stats.expected ?? 0);
  expect(perShard.filter((count) => count === 0), 'shards that ran nothing').toEqual([]);
  expect(perShard.reduce((sum, count) => sum + count, 0)).toBe(result.tests);
});

test('logins per shard = its identities, each once: every role, and of the pool only its workers\' accounts; none shared by two shards', async () => {
  const result = await workflowRun();
  // The Quick start's projects and their roles (api: user, e2e: admin); user is the pool.
  const roleOf = Object.fromEntries([...readQuickStart().files['playwright.config.ts']!.matchAll(/name: '(\w+)'.*?oktaRole: '(\w+)'/g)].map(([, project, role]) => [project!, role!]));
  expect(roleOf).toEqual({ api: 'user', e2e: 'admin' });
  const seen = new Map<string, string>();
  for (const [index, shard] of result.shards.entries()) {
    const step = stepOf(result.steps.filter((one) => one.shard === shard), /playwright test/);
    // Global teardown's line (after the dot reporter's dots, which CI adds beside the blob reporter).
    const line = /okta: (\d+) identit(?:y|ies), (\d+) logins?, [^\n]*/.exec(step.ran!.stdout);
    expect(line, `${shard}: the okta: summary line\n${scrub(step.ran!.stdout)}`).not.toBeNull();
    const [, identities, logins] = line!.map(String) as [string, string, string];
    // The engine's pool rule: worker W of shard S takes account (S-1)·workers + W.
    const accounts = result.pool.slice(index * result.workers, (index + 1) * result.workers);
    const configured = [DEMO.roles.admin, ...accounts];
    // What this shard's tests used, from the merged report: each test's role and worker.
    const ranHere = result.shardReports[index]!.suites.flatMap(allSpecs).flatMap((spec) => spec.tests).flatMap((one) => one.results.map((run) => ({ ...run, test: one })));
    expect(ranHere.length, `${shard} ran tests`).toBeGreaterThan(0);
    const used = new Set(ranHere.map((run) => (roleOf[run.test.projectName] === 'user' ? accounts[run.parallelIndex]! : DEMO.roles.admin)));
    for (const run of ranHere) {
      const reported = run.test.annotations.find((annotation) => annotation.type === 'okta-user')?.description;
      if (reported) expect(reported, 'the pool test\'s account is its worker\'s').toBe(accounts[run.parallelIndex]);
    }
    console.log(`ci-workflow: shard ${shard}: ${line![0]}; Okta saw ${step.logins.join(', ')}; its tests used ${[...used].join(', ')}`);
    expect(Number(identities)).toBe(configured.length);
    expect(Number(logins)).toBe(configured.length);
    // One authn per identity, all in global setup: no worker had to log in again.
    expect([...step.logins].sort()).toEqual([...configured].sort());
    expect([...used].filter((login) => !configured.includes(login)), 'identities used but not logged in by global setup').toEqual([]);
    for (const login of accounts) {
      expect(seen.get(login), `${login} used by two shards`).toBeUndefined();
      seen.set(login, shard);
    }
  }
  expect(seen.size).toBe(result.pool.length);
});

test('no password and no credential the emulator issued appears in any step\'s log', async () => {
  const result = await workflowRun();
  const logs = result.steps.filter((step) => step.ran).map((step) => step.ran!.stdout + step.ran!.stderr).join('\n') + result.mergedJson.ran.stdout + result.mergedJson.ran.stderr;
  expect(logs.length).toBeGreaterThan(0);
  const issued = Object.values(result.audit.issued).flat();
  expect(issued.length, 'the run was issued credentials to look for').toBeGreaterThan(0);
  const leaked = [DEMO.password, POOL_PASSWORD, ...issued].filter((secret) => logs.includes(secret));
  expect(leaked.length, 'secrets in the logs').toBe(0);
});

function stepOf(steps: StepRun[], pattern: RegExp): StepRun {
  const step = steps.find((one) => pattern.test(one.step));
  if (!step) throw new Error(`no step matches ${pattern}`);
  return step;
}

function allSpecs(suite: JsonSuite): JsonSuite['specs'] {
  return [...suite.specs, ...(suite.suites ?? []).flatMap(allSpecs)];
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

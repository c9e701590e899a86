// The package as users get it: `npm pack`, then throwaway projects (ESM, CommonJS, the oldest supported
// Playwright, Jest) that hold nothing of this repository but the tarball, built from the README's Quick
// start, signed in against the packaged emulator and a small app of their own. Installs and runs of the
// projects proceed in parallel from beforeAll; each test awaits its project and judges what it did.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { findChromium } from '../../fixtures/find-browser.js';
import { repoRoot } from '../support/child-run.js';
import { freePort } from '../support/free-port.js';
import { readQuickStart } from './readme.js';
import { scrub, type EmulatorProcess } from './processes.js';
import { packTarball, type Tarball } from './tarball.js';
import { playwrightProject, type PlaywrightProjectResult } from './playwright-project.js';
import { jestProject, type JestProjectResult } from './jest-project.js';

/** The oldest @playwright/test the fixtures work with: package.json's peerDependencies start here. */
const OLDEST_PLAYWRIGHT = '1.46.0';
const LOCKED_PLAYWRIGHT: string = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')).packages['node_modules/@playwright/test'].version;
// The browser this repository's config chose; Playwright's own needs none named.
const CHROMIUM = findChromium().executablePath ?? '/usr/bin/chromium';
// A guard against shipping what is not ours (a stray directory doubles it), not a diet: 210 kB today with
// the Identity Engine and Management API parts of the emulator.
const TARBALL_LIMIT_BYTES = 250_000;

test.describe.configure({ timeout: 5 * 60_000 });

let root: string;
let tarball: Tarball;
const emulators: EmulatorProcess[] = [];
const closers: Array<() => Promise<void>> = [];
let projects: {
  esm: Promise<PlaywrightProjectResult>;
  cjs: Promise<PlaywrightProjectResult>;
  oldest: Promise<PlaywrightProjectResult>;
  jest: Promise<JestProjectResult>;
};
let started = 0;

test.beforeAll(async () => {
  test.setTimeout(5 * 60_000);
  started = performance.now();
  root = await mkdtemp(path.join(tmpdir(), 'okta-package-'));
  tarball = await packTarball(root);
  console.log(`package: npm pack took ${seconds(performance.now() - started)}`);
  const quickStart = readQuickStart();
  const shared = { root, tarball: tarball.file, quickStart, chromium: CHROMIUM, emulators, closers, freePort };
  projects = {
    esm: playwrightProject({ ...shared, name: 'esm', kind: 'esm', playwright: LOCKED_PLAYWRIGHT, typecheck: true }),
    cjs: playwrightProject({ ...shared, name: 'cjs', kind: 'cjs', playwright: LOCKED_PLAYWRIGHT, typecheck: true }),
    oldest: playwrightProject({ ...shared, name: 'oldest', kind: 'esm', playwright: OLDEST_PLAYWRIGHT, typecheck: false }),
    jest: jestProject({ ...shared, name: 'jest' }),
  };
  // Judged by the tests; marked handled here so that a project failing before its test awaits it is no
  // unhandled rejection.
  for (const project of Object.values(projects)) project.catch(() => {});
});

test.afterAll(async () => {
  // The projects may still be installing when a failed test ends the worker's share of this file.
  test.setTimeout(5 * 60_000);
  if (projects) await Promise.allSettled(Object.values(projects));
  await Promise.all([...emulators.map((emulator) => emulator.stop()), ...closers.map((close) => close())]);
  if (root) await rm(root, { recursive: true, force: true });
});

test('the tarball ships the build, README and LICENSE, and nothing of the repository\'s own', async () => {
  const names = tarball.files;
  console.log(`package: ${tarball.file.split('/').pop()}: ${tarball.size} bytes packed, ${tarball.unpackedSize} unpacked, ${names.length} files`);
  test.info().annotations.push({ type: 'tarball', description: `${tarball.size} bytes, ${names.length} files` });
  expect(names).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'dist/playwright/index.js', 'dist/playwright/index.d.ts']));
  const foreign = names.filter((name) => !/^dist\//.test(name) && !['package.json', 'README.md', 'LICENSE', '.env.example'].includes(name));
  expect(foreign, 'files outside dist/ beyond package.json, README, LICENSE, .env.example').toEqual([]);
  const unwanted = names.filter((name) =>
    /(^|\/)(tests?|bench|demo-app|__tests__|playwright\/\.auth|test-results)\//.test(name) ||
    /\.(spec|test)\.[cm]?[jt]s$/.test(name) ||
    /(^|\/)\.env$/.test(name) ||
    /state\.json$|\.tsbuildinfo$|\.tgz$/.test(name));
  expect(unwanted).toEqual([]);
  expect(tarball.size).toBeLessThan(TARBALL_LIMIT_BYTES);
});

for (const name of ['esm', 'cjs', 'oldest'] as const) {
  const title = {
    esm: `an ESM project with @playwright/test ${LOCKED_PLAYWRIGHT}`,
    cjs: `a CommonJS project (npm init -y) with @playwright/test ${LOCKED_PLAYWRIGHT}`,
    oldest: `an ESM project with the oldest supported @playwright/test, ${OLDEST_PLAYWRIGHT}`,
  }[name];

  test(`${title}: the Quick start signs in, once per identity`, async () => {
    const result = await projects[name];
    const { cold, warm } = result;
    console.log(`package: ${name}: install ${seconds(result.installMs)}, cold run ${seconds(cold.ms)}, warm run ${seconds(warm.ms)}, green ${seconds(performance.now() - started)} after the spec started`);

    // Every test of the Quick start passed, counted by Playwright's JSON reporter, cold and warm.
    for (const run of [cold, warm]) {
      expect(run.code, scrub(run.output)).toBe(0);
      expect(run.stats, scrub(run.output)).toEqual({ expected: result.quickStartTests, unexpected: 0, flaky: 0, skipped: 0 });
    }
    // One authn per identity (admin, user) cold; none warm: the cache served both runs' workers.
    expect(cold.authn).toBe(2);
    expect(warm.authn).toBe(0);
    // What the README says global setup prints.
    expect(scrub(cold.output)).toMatch(/^okta: admin \(alice@example\.com\) logged in in \d+ ms$/m);
    expect(scrub(cold.output)).toMatch(/^okta: user \(bob@example\.com\) logged in in \d+ ms$/m);
    expect(scrub(warm.output)).toMatch(/^okta: admin \(alice@example\.com\) from cache, expires in \d+ min$/m);
    // CommonJS loads the ESM-only package through require(esm), which must need no flag and say nothing.
    expect(scrub(cold.output)).not.toContain('ExperimentalWarning');

    // The packaged emulator prints the line the README quotes.
    expect(result.emulatorLine).toBe(result.readmeEmulatorLine.replaceAll('9400', String(result.emulatorPort)));
    // The Quick start's .gitignore keeps .env and the token cache out of git.
    expect(result.ignored).toEqual(['.env', 'playwright/.auth/']);
    expect(result.cacheDirExists).toBe(true);
  });

  if (name === 'oldest') continue;

  test(`${title}: okta-token prints the header, and the user's files typecheck under strict`, async () => {
    const result = await projects[name];
    expect(result.token.code, scrub(result.token.stderr)).toBe(0);
    expect(scrub(result.token.stdout)).toBe('Authorization: Bearer [redacted]\n');
    expect(/^Authorization: Bearer [\w-]+\.[\w-]+\.[\w-]+\n$/.test(result.token.stdout), 'one header line holding a JWT').toBe(true);
    expect(scrub(result.token.stderr)).toBe('');
    // The app accepts that header as the default role's user (admin, the first of OKTA_ROLES), and refuses
    // a request without one.
    expect(result.appStatus).toEqual({ withToken: 200, user: 'alice@example.com', without: 401 });
    expect(result.tsc?.code, result.tsc && scrub(result.tsc.stdout + result.tsc.stderr)).toBe(0);
  });
}

test('a CommonJS Jest project uses playwright-okta/jest with no transform and no flags', async () => {
  const result = await projects.jest;
  expect(result.code, scrub(result.output)).toBe(0);
  expect(result.stats, scrub(result.output)).toEqual({ passed: result.tests, failed: 0 });
  expect(result.authn).toBe(2);
});

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

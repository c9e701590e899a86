// Measure 5: what a whole run costs, against what users would pick instead (per-run-suites.ts). The same
// 40 API tests for each contender, at 1, 2, 4 and 8 workers and 1 and 3 roles; ours and the peer keep
// tokens on disk between runs, so they run cold (empty cache) and warm (the cache of an earlier run).
// Round by round, cell by cell (workers × roles), every contender runs once in a rotated order, so the
// machine's drifting load falls on all alike; figures are medians over the rounds, with each contender's
// difference to plain Playwright (a token from the environment) in the same cell.
// The projects are what a user's project holds: they import `playwright-okta` by name (the built dist/)
// and the peer from bench/node_modules, through a node_modules of links. One project per contender and
// role count, reused by every run (as a user's repository is), so Playwright's transform cache is warm alike.
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DemoStack } from '../tests/demo-app/stack.js';
import { spaTokens } from '../tests/demo-app/stack.js';
import { assertPassed, repoRoot, runPlaywright } from './child-run.js';
import { oktaEnv, PASSWORD, tempDir } from './env.js';
import { progress } from './log.js';
import { CACHING, CONTENDERS, contenderFiles, type Contender } from './per-run-suites.js';
import { median, round } from './stats.js';

export const PER_RUN_TESTS = 40;
export const PER_RUN_WORKERS = [1, 2, 4, 8] as const;
export const PER_RUN_ROLES = [1, 3] as const;
const RUN_TIMEOUT_MS = 240_000;
/** The package `ours` installs: this repository (its dist/), or BENCH_PACKAGE_ROOT, e.g. a copy of an earlier build. */
const PACKAGE_ROOT = process.env.BENCH_PACKAGE_ROOT || repoRoot;

/** The roles of the 3-role cells; a 1-role cell uses the first. `carol` is added to the bench's stack. */
export const ROLE_USERS = [
  { role: 'admin', username: 'alice@example.com' },
  { role: 'user', username: 'bob@example.com' },
  { role: 'auditor', username: 'carol@example.com' },
] as const;
export const EXTRA_USERS = [{ login: 'carol@example.com', password: PASSWORD, firstName: 'Carol', lastName: 'Auditor' }];

// Playwright's JSON report into the project's report.json (where child-run.ts reads it), set on the command
// line: every contender then reports alike, whatever its config says.
const JSON_REPORT = ['--reporter=json'];
const jsonReportEnv = (dir: string) => ({ PLAYWRIGHT_JSON_OUTPUT_FILE: path.join(dir, 'report.json') });

export type Variant = `${Contender}` | `${Contender}-warm`;
/** `${variant}|${workers}w|${roles}r` → wall times, ms, one per round. */
export type Samples = Record<string, number[]>;

export interface PerRunCell {
  workers: number;
  roles: number;
  /** Median wall time, ms, spawn to exit, by variant (`ours` cold, `ours-warm`, …). */
  medianMs: Record<string, number>;
  /** Median minus plain's median in the same cell, ms. */
  overPlainMs: Record<string, number>;
}

export interface PerRunResult {
  tests: number;
  rounds: number;
  browserRounds: number;
  contenders: Contender[];
  cells: PerRunCell[];
  /** Over every cell: the largest difference of ours to plain, and of ours to the peer (negative: faster). */
  oursOverPlainMaxMs: number;
  oursOverPeerMaxMs: number;
  samples: Samples;
}

export const sampleKey = (variant: string, workers: number, roles: number) => `${variant}|${workers}w|${roles}r`;

/** The browser recipes sign in through Chromium: whole seconds apart from the rest, and as slow to run. */
const BROWSER: ReadonlySet<Contender> = new Set(['setupProject', 'uiPerWorker', 'uiPerTest']);

export interface PerRunOptions {
  /** Rounds for plain, ours and the peer (the 0.2 s goal is judged on these). */
  rounds: number;
  /** Rounds for the browser recipes (the first ones of `rounds`). */
  browserRounds: number;
  contenders?: readonly Contender[];
}

export async function measurePerRun(stack: DemoStack, executablePath: string | undefined, options: PerRunOptions): Promise<PerRunResult> {
  const { rounds, contenders = CONTENDERS } = options;
  const browserRounds = Math.min(options.browserRounds, rounds);
  const bearers = await plainBearers(stack);
  const projects = new Map<string, string>();
  for (const contender of contenders) {
    for (const roles of PER_RUN_ROLES) {
      const files = contenderFiles(contender, roleNames(roles), PER_RUN_TESTS);
      projects.set(`${contender}|${roles}`, await writeUserProject(`run-${contender}-${roles}r`, files, contender === 'peer', PACKAGE_ROOT));
    }
  }
  const warmCache = new Map<number, string>();
  for (const roles of PER_RUN_ROLES) warmCache.set(roles, await tempDir('cache-warm'));

  const launchOptions = JSON.stringify(executablePath ? { executablePath } : {});
  const once = async (contender: Contender, warm: boolean, workers: number, roles: number): Promise<number> => {
    const dir = projects.get(`${contender}|${roles}`)!;
    // Cold: ours gets an empty cache dir; the peer's token files (.auth/ in its project) are removed.
    const cacheDir = warm ? warmCache.get(roles)! : await tempDir('cache-cold');
    if (contender === 'peer' && !warm) await rm(path.join(dir, '.auth'), { recursive: true, force: true });
    const env = { ...roleEnv(stack, cacheDir, roles), ...bearers, BENCH_LAUNCH_OPTIONS: launchOptions };
    const run = await runPlaywright([`--workers=${workers}`, ...JSON_REPORT], { cwd: dir, env: { ...env, ...jsonReportEnv(dir) }, timeoutMs: RUN_TIMEOUT_MS });
    const setupTests = contender === 'setupProject' ? roles : 0;
    assertPassed(run, `per-run cost (${contender}${warm ? ' warm' : ''}, ${workers} workers, ${roles} roles)`, PER_RUN_TESTS + setupTests);
    if (!warm) await rm(cacheDir, { recursive: true, force: true });
    if (process.env.BENCH_VERBOSE) progress(`  ${contender}${warm ? ' warm' : ''}, ${workers}w ${roles}r: ${formatRun(run.wallMs)}`);
    return run.wallMs;
  };

  // Not counted: a run per caching project fills its warm cache; `--list` fills Playwright's transform
  // cache for the others (it loads the config and every spec).
  for (const [key, dir] of projects) {
    const [contender, roles] = key.split('|') as [Contender, string];
    if (CACHING.has(contender)) await once(contender, true, 2, Number(roles));
    else await runPlaywright(['--list'], { cwd: dir, env: { ...roleEnv(stack, await tempDir('cache-list'), Number(roles)), ...bearers }, timeoutMs: RUN_TIMEOUT_MS });
  }
  progress(`per-run cost: warm-up done (${projects.size} projects)`);

  const variants: Array<[Contender, boolean]> = contenders.flatMap((c) => (CACHING.has(c) ? [[c, false], [c, true]] : [[c, false]]) as Array<[Contender, boolean]>);
  const samples: Samples = {};
  for (let r = 0; r < rounds; r++) {
    const started = Date.now();
    let cell = 0;
    for (const roles of PER_RUN_ROLES) {
      for (const workers of PER_RUN_WORKERS) {
        // Rotate the order by round and cell, so no contender always runs first (or after the heaviest).
        // A UI sign-in in every test costs the same whatever the number of roles: measured with one.
        const here = variants.filter(([c]) => !BROWSER.has(c) || (r < browserRounds && (c !== 'uiPerTest' || roles === 1)));
        const shift = (r + cell++) % here.length;
        for (const [contender, warm] of [...here.slice(shift), ...here.slice(0, shift)]) {
          const key = sampleKey(`${contender}${warm ? '-warm' : ''}`, workers, roles);
          (samples[key] ??= []).push(Math.round(await once(contender, warm, workers, roles)));
        }
      }
    }
    progress(`per-run cost: round ${r + 1}/${rounds} in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  return { ...summarize(samples, [...contenders], variants.map(([c, warm]) => `${c}${warm ? '-warm' : ''}`)), rounds, browserRounds };
}

function summarize(samples: Samples, contenders: Contender[], variants: string[]): Omit<PerRunResult, 'rounds' | 'browserRounds'> {
  const cells: PerRunCell[] = [];
  for (const roles of PER_RUN_ROLES) {
    for (const workers of PER_RUN_WORKERS) {
      const medianMs: Record<string, number> = {};
      for (const variant of variants) {
        const runs = samples[sampleKey(variant, workers, roles)];
        if (runs?.length) medianMs[variant] = Math.round(median(runs));
      }
      const plain = medianMs.plain ?? Number.NaN;
      const overPlainMs = Object.fromEntries(Object.keys(medianMs).filter((v) => v !== 'plain').map((v) => [v, medianMs[v]! - plain]));
      cells.push({ workers, roles, medianMs, overPlainMs });
    }
  }
  const worst = (of: (cell: PerRunCell) => number[]) => Math.max(...cells.flatMap(of));
  return {
    tests: PER_RUN_TESTS,
    contenders,
    cells,
    oursOverPlainMaxMs: worst((c) => [c.overPlainMs.ours!, c.overPlainMs['ours-warm']!]),
    oursOverPeerMaxMs: worst((c) => [c.medianMs.ours! - c.medianMs.peer!, c.medianMs['ours-warm']! - c.medianMs['peer-warm']!]),
    samples,
  };
}

function roleNames(roles: number): string[] {
  return ROLE_USERS.slice(0, roles).map((user) => user.role);
}

/** The engine's variables for the stack with `roles` roles (every contender reads the same ones). */
export function roleEnv(stack: DemoStack, cacheDir: string, roles: number): Record<string, string> {
  const env = oktaEnv(stack, cacheDir);
  for (const name of Object.keys(env)) if (/^OKTA_[A-Z]+_(USERNAME|PASSWORD)$/.test(name)) delete env[name];
  for (const { role, username } of ROLE_USERS.slice(0, roles)) {
    env[`OKTA_${role.toUpperCase()}_USERNAME`] = username;
    env[`OKTA_${role.toUpperCase()}_PASSWORD`] = PASSWORD;
  }
  env.OKTA_ROLES = roleNames(roles).join(',');
  return env;
}

/** Plain Playwright's tokens, obtained before the runs (plain fetch, not our engine): BENCH_<ROLE>_AUTHORIZATION. */
export async function plainBearers(stack: DemoStack): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  for (const { role, username } of ROLE_USERS) {
    const tokens = await spaTokens(stack, username);
    env[`BENCH_${role.toUpperCase()}_AUTHORIZATION`] = `Bearer ${tokens.accessToken}`;
  }
  return env;
}

/**
 * A project as a user's: node_modules holds links to @playwright/test (the repo's copy, so the runner and
 * the specs share one), to this package under its name, and for the peer to bench/node_modules' copy.
 */
export async function writeUserProject(name: string, files: Record<string, string>, withPeer: boolean, packageRoot = repoRoot): Promise<string> {
  const dir = await tempDir(name);
  const modules = path.join(dir, 'node_modules');
  await mkdir(path.join(modules, '@playwright'), { recursive: true });
  await symlink(path.join(repoRoot, 'node_modules', '@playwright', 'test'), path.join(modules, '@playwright', 'test'), 'dir');
  await symlink(packageRoot, path.join(modules, 'playwright-okta'), 'dir');
  if (withPeer) await symlink(path.join(repoRoot, 'bench', 'node_modules', '@seontechnologies'), path.join(modules, '@seontechnologies'), 'dir');
  await writeFile(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  for (const [file, content] of Object.entries(files)) await writeFile(path.join(dir, file), content);
  return dir;
}

export function formatRun(ms: number): string {
  return `${round(ms / 1000, 2)} s`;
}

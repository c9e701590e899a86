// One throwaway Playwright project, start to finish: install the Quick start's packages (the tarball for
// ours), start the packaged emulator and the user's app, write the Quick start's files, typecheck them,
// run the suite cold and warm with 2 workers, ask `okta-token` for a header. It returns what happened;
// the spec judges it.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { QuickStart } from './readme.js';
import { cleanEnv, run, runOk, startEmulatorProcess, type EmulatorProcess, type Ran } from './processes.js';
import { startUserApp } from './user-app.js';
import { LOCAL_CONFIG_FILE, NPM_FLAGS, createProject, demoEnv, quickStartPackages, writeQuickStartFiles, type ModuleKind } from './user-project.js';

export interface SharedOptions {
  root: string;
  tarball: string;
  quickStart: QuickStart;
  chromium: string;
  /** Everything started is registered here, for the spec's afterAll to stop, pass or fail. */
  emulators: EmulatorProcess[];
  closers: Array<() => Promise<void>>;
  freePort: () => Promise<number>;
}

export interface SuiteRun {
  code: number | null;
  output: string;
  stats: { expected: number; unexpected: number; flaky: number; skipped: number } | undefined;
  /** POST /api/v1/authn requests the emulator saw during the run. */
  authn: number;
  ms: number;
}

export interface PlaywrightProjectResult {
  installMs: number;
  quickStartTests: number;
  cold: SuiteRun;
  warm: SuiteRun;
  token: Ran;
  appStatus: { withToken: number; user: string | undefined; without: number };
  tsc: Ran | undefined;
  emulatorLine: string;
  emulatorPort: number;
  readmeEmulatorLine: string;
  ignored: string[];
  cacheDirExists: boolean;
}

export async function playwrightProject(
  options: SharedOptions & { name: string; kind: ModuleKind; playwright: string; typecheck: boolean },
): Promise<PlaywrightProjectResult> {
  const dir = path.join(options.root, options.name);
  await createProject(dir, options.kind);
  const installStarted = performance.now();
  const packages = quickStartPackages(options.quickStart, options.tarball, options.playwright);
  await runOk('npm', ['i', '-D', ...NPM_FLAGS, ...packages, ...(options.typecheck ? ['typescript', '@types/node'] : [])], { cwd: dir });
  const installMs = performance.now() - installStarted;

  const emulatorPort = await options.freePort();
  const emulator = await startEmulatorProcess(dir, emulatorPort);
  options.emulators.push(emulator);
  const app = await startUserApp(emulator.issuer);
  options.closers.push(app.close);
  await writeQuickStartFiles(dir, options.quickStart, demoEnv(emulator.issuer, app.url));

  // The typecheck runs beside the cold run: both only read the project.
  const tsc = options.typecheck ? run('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: dir }) : Promise.resolve(undefined);
  const cold = await suite(dir, emulator, options.chromium, 'cold');
  const warm = await suite(dir, emulator, options.chromium, 'warm');

  const token = await run('npx', ['okta-token', '--format', 'header'], { cwd: dir });
  const header = token.stdout.trim().replace(/^Authorization: /, '');
  const withToken = await fetch(`${app.url}/api/me`, { headers: { Authorization: header } });
  const appStatus = {
    withToken: withToken.status,
    user: withToken.ok ? ((await withToken.json()) as { preferred_username?: string }).preferred_username : undefined,
    without: (await fetch(`${app.url}/api/me`)).status,
  };

  await runOk('git', ['init', '-q'], { cwd: dir });
  const checked = await run('git', ['check-ignore', '.env', 'playwright/.auth/'], { cwd: dir });

  return {
    installMs,
    quickStartTests: Object.entries(options.quickStart.files)
      .filter(([name]) => name.endsWith('.spec.ts'))
      .reduce((count, [, content]) => count + (content.match(/^test\(/gm)?.length ?? 0), 0),
    cold,
    warm,
    token,
    appStatus,
    tsc: await tsc,
    emulatorLine: emulator.line,
    emulatorPort,
    readmeEmulatorLine: options.quickStart.emulatorLine,
    ignored: checked.stdout.split('\n').filter(Boolean),
    cacheDirExists: existsSync(path.join(dir, 'playwright', '.auth')),
  };
}

async function suite(dir: string, emulator: EmulatorProcess, chromium: string, label: string): Promise<SuiteRun> {
  const report = path.join(dir, `${label}-report.json`);
  const before = await emulator.authnCount();
  const ran = await run('npx', ['playwright', 'test', '-c', LOCAL_CONFIG_FILE, '--workers', '2', '--reporter', 'json'], {
    cwd: dir,
    env: cleanEnv({ CHROMIUM_PATH: chromium, PLAYWRIGHT_JSON_OUTPUT_NAME: report }),
  });
  const authn = (await emulator.authnCount()) - before;
  const stats = existsSync(report) ? pickStats(JSON.parse(await readFile(report, 'utf8')).stats) : undefined;
  return { code: ran.code, output: ran.stdout + ran.stderr, stats, authn, ms: ran.ms };
}

function pickStats(stats: Record<string, number>): SuiteRun['stats'] {
  return { expected: stats.expected!, unexpected: stats.unexpected!, flaky: stats.flaky!, skipped: stats.skipped! };
}

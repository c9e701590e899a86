// A CommonJS Jest project (`npm init -y`, today's `npm i -D jest`) that takes tokens from
// `playwright-okta/jest`: the README's Jest files (plain .js), no transform of our files, no Node flags.
// Its globalSetup warms the cache; its test calls the user's app with a bearer header.
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fillEnvFile, readmeFiles } from './readme.js';
import { cleanEnv, run, runOk, startEmulatorProcess } from './processes.js';
import { startUserApp } from './user-app.js';
import { NPM_FLAGS, createProject, demoEnv } from './user-project.js';
import type { SharedOptions } from './playwright-project.js';

export interface JestProjectResult {
  code: number | null;
  output: string;
  stats: { passed: number; failed: number } | undefined;
  tests: number;
  authn: number;
}

/** The README's Jest section, as a user copies it: jest.config.js, the globalSetup, a test. */
const FILES = readmeFiles('jest');

export async function jestProject(options: SharedOptions & { name: string }): Promise<JestProjectResult> {
  const dir = path.join(options.root, options.name);
  await createProject(dir, 'cjs');
  await runOk('npm', ['i', '-D', ...NPM_FLAGS, options.tarball, 'jest'], { cwd: dir });

  const emulator = await startEmulatorProcess(dir, await options.freePort());
  options.emulators.push(emulator);
  const app = await startUserApp(emulator.issuer);
  options.closers.push(app.close);
  await writeFile(path.join(dir, '.env'), fillEnvFile(options.quickStart.files['.env']!, demoEnv(emulator.issuer, app.url)));
  for (const [name, content] of Object.entries(FILES)) await writeFile(path.join(dir, name), content);

  const report = path.join(dir, 'jest-report.json');
  const before = await emulator.authnCount();
  const ran = await run('npx', ['jest', '--json', `--outputFile=${report}`], { cwd: dir, env: cleanEnv() });
  const authn = (await emulator.authnCount()) - before;
  const json = existsSync(report) ? JSON.parse(await readFile(report, 'utf8')) : undefined;
  return {
    code: ran.code,
    output: ran.stdout + ran.stderr,
    stats: json && { passed: json.numPassedTests, failed: json.numFailedTests },
    tests: Object.entries(FILES).filter(([name]) => name.endsWith('.test.js')).reduce((n, [, body]) => n + body.match(/^test\(/gm)!.length, 0),
    authn,
  };
}

// A CommonJS Jest project (`npm init -y`, today's `npm i -D jest`) that takes tokens from
// `playwright-okta/jest`: plain .js files, Jest's default configuration, no transform of our files, no
// Node flags. Its globalSetup warms the cache; its tests call the user's app with bearer headers.
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fillEnvFile } from './readme.js';
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

const FILES: Record<string, string> = {
  'jest.config.js': `module.exports = { testEnvironment: 'node', globalSetup: './jest.global-setup.js' };\n`,
  'jest.global-setup.js': `const { warmTokens } = require('playwright-okta/jest');

module.exports = async () => {
  await warmTokens();
};
`,
  'me.test.js': `const { bearerFor, oktaConfig } = require('playwright-okta/jest');

test('the API knows the user', async () => {
  const response = await fetch(oktaConfig().appBaseUrl + '/api/me', { headers: await bearerFor('user') });
  expect(response.status).toBe(200);
  expect((await response.json()).preferred_username).toBe('bob@example.com');
});

test('and the admin', async () => {
  const response = await fetch(oktaConfig().appBaseUrl + '/api/me', { headers: await bearerFor('admin') });
  expect((await response.json()).preferred_username).toBe('alice@example.com');
});
`,
};

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
    tests: FILES['me.test.js']!.match(/^test\(/gm)!.length,
    authn,
  };
}

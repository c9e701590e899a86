// "If the README says it, a test runs it": the README's `useOktaEmulator({ https: true, clients: […] })`
// snippet (between its `<!-- https-config:start/end -->` markers) as the playwright.config.ts of a
// throwaway project installed from the tarball, with only what must change on this machine: the app's
// port 5173 is a free port, the emulator gets a free port too (9400 is this machine's shared emulator),
// and `npm run dev` is the project's script that starts the small app (https-dev-server.ts). Its one test
// signs in with the package's fixtures; Playwright's JSON reporter says how it went.
import { readFileSync, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { DEMO } from '../../src/emulator/state/seed.js';
import { repoRoot } from '../support/child-run.js';
import { freePort } from '../support/free-port.js';
import { readmeBlock } from './readme.js';
import { cleanEnv, run, runOk, scrub } from './processes.js';
import { packTarball } from './tarball.js';
import { NPM_FLAGS, createProject } from './user-project.js';

const LOCKED_PLAYWRIGHT: string = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')).packages['node_modules/@playwright/test'].version;
const TSX = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const DEV_SERVER = path.join(repoRoot, 'tests', 'package', 'https-dev-server.ts');

// The user's test: signed in through the fixtures, it calls the app, which asks the https issuer who it is
// (a 200 only when the app's process, started by the webServer entry, trusts the emulator's CA).
const SIGN_IN_TEST = `import { test, expect } from 'playwright-okta';

test('the app answers as the signed-in user, on the https emulator', async ({ oktaRequest, oktaTokens }) => {
  const response = await oktaRequest.get('/api/me');
  expect(response.status()).toBe(200);
  expect((await response.json()).preferred_username).toBe(oktaTokens.username);
  test.info().annotations.push(
    { type: 'iss', description: String(oktaTokens.accessTokenClaims.iss) },
    { type: 'NODE_EXTRA_CA_CERTS', description: process.env.NODE_EXTRA_CA_CERTS ?? '' },
  );
});
`;

test.describe.configure({ timeout: 5 * 60_000 });

let root: string | undefined;

test.afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

test('the README\'s https useOktaEmulator config runs a signed-in test against an https issuer', async () => {
  const started = performance.now();
  root = await mkdtemp(path.join(tmpdir(), 'okta-https-'));
  const dir = path.join(root, 'project');
  const tarball = await packTarball(root);
  await createProject(dir, 'esm');
  const installStarted = performance.now();
  await runOk('npm', ['i', '-D', ...NPM_FLAGS, tarball.file, `@playwright/test@${LOCKED_PLAYWRIGHT}`], { cwd: dir });
  const installMs = performance.now() - installStarted;

  const [appPort, emulatorPort] = [await freePort(), await freePort()];
  const snippet = readmeBlock('https-config');
  expect(snippet.language).toBe('ts');
  expect(snippet.body.match(/5173/g)?.length, 'the snippet names the app port in redirectUri, baseURL and webServer.url').toBe(3);
  expect(snippet.body).toContain("command: 'npm run dev'");
  expect(snippet.body, 'the snippet leaves NODE_EXTRA_CA_CERTS to useOktaEmulator').not.toContain('NODE_EXTRA_CA_CERTS');
  const config = [
    "import { defineConfig } from '@playwright/test';",
    "import { useOktaEmulator } from 'playwright-okta/emulator';",
    '',
    snippet.body.replaceAll('5173', String(appPort)).replace('useOktaEmulator({ ', `useOktaEmulator({ port: ${emulatorPort}, `),
  ].join('\n');
  expect(config, 'the emulator port was substituted').toContain(`useOktaEmulator({ port: ${emulatorPort}, https: true`);
  await writeFile(path.join(dir, 'playwright.config.ts'), config);
  await mkdir(path.join(dir, 'tests'));
  await writeFile(path.join(dir, 'tests', 'sign-in.spec.ts'), SIGN_IN_TEST);
  const manifest = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
  manifest.scripts = { dev: `node ${JSON.stringify(TSX)} ${JSON.stringify(DEV_SERVER)} ${appPort}` };
  await writeFile(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));

  // The local CA goes to the project's own cache home, not this machine's ~/.cache. Nobody but the
  // config sets NODE_EXTRA_CA_CERTS: not the environment of the run, not the webServer entry.
  const cacheHome = path.join(root, 'cache');
  const env = cleanEnv({ XDG_CACHE_HOME: cacheHome, PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(dir, 'report.json') });
  delete env.NODE_EXTRA_CA_CERTS;
  const ran = await run('npx', ['playwright', 'test', '--reporter', 'json'], { cwd: dir, env });
  console.log(`https-config: install ${seconds(installMs)}, run ${seconds(ran.ms)}, all ${seconds(performance.now() - started)}`);

  expect(ran.code, scrub(ran.stdout + ran.stderr)).toBe(0);
  const report = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8'));
  expect(report.stats).toMatchObject({ expected: 1, unexpected: 0, flaky: 0, skipped: 0 });
  const annotations: Array<{ type: string; description: string }> = report.suites[0].specs[0].tests[0].annotations;
  const annotation = (type: string) => annotations.find((one) => one.type === type)?.description;
  expect(annotation('iss')).toBe(`https://127.0.0.1:${emulatorPort}/oauth2/default`);
  const caFile = path.join(cacheHome, 'playwright-okta', 'emulator-ca', 'ca.pem');
  expect(annotation('NODE_EXTRA_CA_CERTS')).toBe(caFile);
  expect(existsSync(caFile)).toBe(true);
  expect((ran.stdout + ran.stderr).includes(DEMO.password), 'the demo password in the run\'s output').toBe(false);
});

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

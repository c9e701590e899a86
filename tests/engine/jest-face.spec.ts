// playwright-okta/jest as Jest's workers load it: the built CommonJS entry (and, once, from ESM), required
// by name in a plain Node process against a real emulator, with no loader, no flag, no transform. Every
// Node process started under the probe is counted through a --require preload (NODE_OPTIONS is inherited),
// so "no child process" is observed, not inferred: a cache hit reads the file in-process; a miss spawns
// `okta-token warm` once, which logs in or refreshes under the cache lock.
import { mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { test, expect } from '@playwright/test';
import { ROOT, PASSWORD, delta, engineEnv, removeDir, secretsIn, useEngineBed } from './support.js';

const bed = useEngineBed({ dirPrefix: 'okta-jest-face-' });

/** What one probe step gives back (tokens summarised; the test's own pipe, never printed). */
interface StepResult {
  tokens?: { username: string; sub: unknown; accessToken: string; expiresAt: number; obtainedAt: number; idToken: boolean };
  lines?: string[];
  error?: { code: unknown; name: string; message: string; isOktaError: boolean };
}
interface ProbeRun {
  code: number | null;
  stderr: string;
  results: StepResult[];
  /** The Node processes the probe started: the argv of each `okta-token` child. */
  children: string[];
}
type Step = { op: 'tokensFor'; role?: string; options?: Record<string, unknown> } | { op: 'warmTokens'; options?: Record<string, unknown> };

// The probe: a user's test file reduced to its calls. CommonJS `require('playwright-okta/jest')`, or ESM
// `import` of the same entry, resolved by name through a node_modules link to this package.
const PROBE_BODY = `
async function run(okta, steps) {
  const results = [];
  for (const step of steps) {
    try {
      if (step.op === 'warmTokens') {
        const lines = [];
        await okta.warmTokens({ ...step.options, log: (line) => lines.push(line) });
        results.push({ lines });
      } else {
        const t = await okta.tokensFor(step.role, step.options);
        results.push({ tokens: { username: t.username, sub: t.accessTokenClaims.sub, accessToken: t.accessToken, expiresAt: t.expiresAt, obtainedAt: t.obtainedAt, idToken: typeof t.idToken === 'string' } });
      }
    } catch (e) {
      results.push({ error: { code: e.code, name: e.name, message: e.message, isOktaError: okta.isOktaError(e) } });
    }
  }
  process.stdout.write(JSON.stringify(results));
}`;
const PROBES = {
  cjs: `const okta = require('playwright-okta/jest');${PROBE_BODY}\nrun(okta, JSON.parse(process.argv[2]));\n`,
  esm: `import * as okta from 'playwright-okta/jest';${PROBE_BODY}\nawait run(okta, JSON.parse(process.argv[2]));\n`,
};

let probeDir: string;

test.beforeAll(async () => {
  probeDir = await mkdtemp(path.join(tmpdir(), 'okta-jest-probe-'));
  await writeFile(path.join(probeDir, 'package.json'), '{ "type": "commonjs" }\n');
  await writeFile(path.join(probeDir, 'probe.cjs'), PROBES.cjs);
  await writeFile(path.join(probeDir, 'probe.mjs'), PROBES.esm);
  await writeFile(path.join(probeDir, 'count.cjs'), "require('node:fs').appendFileSync(process.env.SPAWN_LOG, JSON.stringify(process.argv.slice(1)) + '\\n');\n");
  // node_modules/playwright-okta → this package (its dist/ must be built); its dependencies resolve from ROOT.
  await mkdir(path.join(probeDir, 'node_modules'));
  await symlink(ROOT, path.join(probeDir, 'node_modules', 'playwright-okta'), 'dir');
});

test.afterAll(async () => {
  if (probeDir) await removeDir(probeDir);
});

let runs = 0;

/** Runs the probe in probeDir (no .env there) with engineEnv plus `extra`, minus `omit` (absent, not blank: blank would hide `.env`'s). */
async function probe(steps: Step[], extra: Record<string, string> = {}, options: { kind?: keyof typeof PROBES; omit?: string[] } = {}): Promise<ProbeRun> {
  const spawnLog = path.join(probeDir, `spawned-${++runs}.log`);
  const env: NodeJS.ProcessEnv = { ...engineEnv(bed.emulator, bed.dir, extra), NODE_OPTIONS: `--require ${path.join(probeDir, 'count.cjs')}`, SPAWN_LOG: spawnLog };
  for (const name of options.omit ?? []) delete env[name];
  const script = path.join(probeDir, options.kind === 'esm' ? 'probe.mjs' : 'probe.cjs');
  const child = spawn(process.execPath, [script, JSON.stringify(steps)], { cwd: probeDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const started = (await readFile(spawnLog, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as string[]);
  const children = started.filter((argv) => argv[0]?.endsWith(path.join('dist', 'cli', 'bin', 'okta-token.js'))).map((argv) => argv.slice(1).join(' '));
  // Everything else the probe started is the probe itself: one process.
  expect(started.length - children.length).toBe(1);
  expect(secretsIn(stderr, ['not-the-password'])).toEqual([]);
  expect(code, stderr).toBe(0);
  return { code, stderr, results: JSON.parse(stdout) as StepResult[], children };
}

test('cold: one okta-token child logs in; then a cache hit spawns nothing, from CommonJS and from ESM', async () => {
  const before = bed.emulator.stats();
  const cold = await probe([{ op: 'tokensFor' }]);
  expect(cold.children).toEqual(['warm --role default --account 0 --min-ttl 60']);
  expect(delta(bed.emulator.stats(), before)).toMatchObject({ 'POST /api/v1/authn': 1 });
  const first = cold.results[0]!.tokens!;
  expect(first).toMatchObject({ username: 'alice@example.com', sub: 'alice@example.com', idToken: true });

  const mid = bed.emulator.stats();
  for (const kind of ['cjs', 'esm'] as const) {
    const warm = await probe([{ op: 'tokensFor' }, { op: 'tokensFor', role: 'default' }], {}, { kind });
    expect(warm.children).toEqual([]);
    expect(warm.results.map((r) => r.tokens?.accessToken)).toEqual([first.accessToken, first.accessToken]);
  }
  expect(delta(bed.emulator.stats(), mid)).toEqual({});
});

test('stale: too little life left spawns a refresh (a refresh token) or a login (none)', async () => {
  const offline = { OKTA_SCOPES: 'openid profile email offline_access' };
  const first = (await probe([{ op: 'tokensFor' }], offline)).results[0]!.tokens!;
  const lifetime = Math.round((first.expiresAt - first.obtainedAt) / 1000);

  // Asking for more life than the tokens have left: the cache cannot answer, the child refreshes.
  let before = bed.emulator.stats();
  const refreshed = await probe([{ op: 'tokensFor', options: { minTtlSeconds: lifetime + 60 } }], offline);
  expect(refreshed.results[0]!.error, refreshed.stderr).toBeUndefined();
  expect(refreshed.children).toEqual([`warm --role default --account 0 --min-ttl ${lifetime + 60}`]);
  const refresh = delta(bed.emulator.stats(), before);
  expect(refresh['POST /oauth2/default/v1/token']).toBe(1);
  expect(refresh['POST /api/v1/authn']).toBeUndefined();
  expect(refreshed.results[0]!.tokens!.accessToken).not.toBe(first.accessToken);
  expect(refreshed.results[0]!.tokens!.sub).toBe('alice@example.com');

  // Without offline_access (another cache entry: other scopes) there is no refresh token: a login.
  await probe([{ op: 'tokensFor' }]);
  before = bed.emulator.stats();
  const relogged = await probe([{ op: 'tokensFor', options: { minTtlSeconds: lifetime + 60 } }]);
  expect(relogged.results[0]!.error, relogged.stderr).toBeUndefined();
  expect(relogged.children).toHaveLength(1);
  expect(delta(bed.emulator.stats(), before), relogged.stderr).toMatchObject({ 'POST /api/v1/authn': 1 });
});

test('pools: the account option, else JEST_WORKER_ID - 1, picks the account modulo the pool', async () => {
  const pool = { OKTA_USERNAME: '', OKTA_PASSWORD: '', OKTA_ROLES: 'pool', OKTA_POOL_USERNAME: 'alice@example.com,bob@example.com', OKTA_POOL_PASSWORD: PASSWORD };
  const run = await probe([
    { op: 'tokensFor', role: 'pool', options: { account: 0 } },
    { op: 'tokensFor', role: 'pool', options: { account: 1 } },
    { op: 'tokensFor', role: 'pool', options: { account: 2 } },
  ], pool);
  expect(run.results.map((r) => r.tokens?.username)).toEqual(['alice@example.com', 'bob@example.com', 'alice@example.com']);
  // Account 2 is account 0 again: served from the cache.
  expect(run.children).toEqual(['warm --role pool --account 0 --min-ttl 60', 'warm --role pool --account 1 --min-ttl 60']);

  const worker2 = await probe([{ op: 'tokensFor' }], { ...pool, JEST_WORKER_ID: '2' });
  expect(worker2.results[0]!.tokens!.username).toBe('bob@example.com');
  expect(worker2.children).toEqual([]);
});

test('a refused login is an OktaError with its code, remembered, and no secret anywhere', async () => {
  const before = bed.emulator.stats();
  const run = await probe([{ op: 'tokensFor' }, { op: 'tokensFor' }], { OKTA_PASSWORD: 'not-the-password' });
  const [first, second] = run.results.map((r) => r.error!);
  expect(first).toMatchObject({ code: 'ERR_AUTHN_FAILED', name: 'OktaError [ERR_AUTHN_FAILED]', isOktaError: true });
  // The second call's child finds the failure marker and does not ask Okta again.
  expect(second).toMatchObject({ code: 'ERR_AUTHN_FAILED', isOktaError: true });
  expect(second!.message).toContain('Remembered from a login at');
  expect(delta(bed.emulator.stats(), before)['POST /api/v1/authn']).toBe(1);
  expect(secretsIn(JSON.stringify(run.results), ['not-the-password'])).toEqual([]);
});

test('configuration errors are ERR_CONFIG from the entry itself, before any child', async () => {
  const run = await probe([{ op: 'tokensFor' }, { op: 'tokensFor', role: 'nobody' }], { OKTA_ISSUER: '' });
  expect(run.results[0]!.error).toMatchObject({ code: 'ERR_CONFIG', isOktaError: true });
  expect(run.results[0]!.error!.message).toContain('OKTA_ISSUER');
  expect(run.children).toEqual([]);
  const unknown = await probe([{ op: 'tokensFor', role: 'nobody' }]);
  expect(unknown.results[0]!.error).toMatchObject({ code: 'ERR_CONFIG' });
  expect(unknown.children).toEqual([]);
});

test('warmTokens: one child, one line per identity, .env from rootDir; the workers then hit the cache', async () => {
  // The configuration lives only in <rootDir>/.env, as in a user's project; the probe runs elsewhere.
  const rootDir = path.join(bed.dir, 'project');
  await mkdir(rootDir);
  const { OKTA_ISSUER, OKTA_CLIENT_ID, OKTA_REDIRECT_URI } = engineEnv(bed.emulator, bed.dir);
  await writeFile(path.join(rootDir, '.env'), [
    `OKTA_ISSUER=${OKTA_ISSUER}`, `OKTA_CLIENT_ID=${OKTA_CLIENT_ID}`, `OKTA_REDIRECT_URI=${OKTA_REDIRECT_URI}`,
    'OKTA_ROLES=admin,user', 'OKTA_ADMIN_USERNAME=alice@example.com', `OKTA_ADMIN_PASSWORD=${PASSWORD}`,
    'OKTA_USER_USERNAME=bob@example.com', `OKTA_USER_PASSWORD=${PASSWORD}`, 'OKTA_CACHE_DIR=.auth', '',
  ].join('\n'), { mode: 0o600 });
  const before = bed.emulator.stats();
  const run = await probe(
    [{ op: 'warmTokens', options: { rootDir } }, { op: 'tokensFor', role: 'admin' }, { op: 'tokensFor', role: 'user' }],
    {},
    { omit: ['OKTA_ISSUER', 'OKTA_CLIENT_ID', 'OKTA_REDIRECT_URI', 'OKTA_USERNAME', 'OKTA_PASSWORD', 'OKTA_CACHE_DIR'] },
  );
  expect(run.children).toEqual(['warm']);
  // One line per identity, in the order the logins finish (they run in parallel).
  expect([...run.results[0]!.lines!].sort()).toEqual([
    expect.stringMatching(/^okta: admin \(alice@example\.com\) logged in in \d+ ms$/),
    expect.stringMatching(/^okta: user \(bob@example\.com\) logged in in \d+ ms$/),
  ]);
  expect(run.results.slice(1).map((r) => r.tokens?.username)).toEqual(['alice@example.com', 'bob@example.com']);
  expect(delta(bed.emulator.stats(), before)['POST /api/v1/authn']).toBe(2);
  // The cache is where .env put it, relative to rootDir.
  expect((await readdir(path.join(rootDir, '.auth'))).filter((f) => /^okta-.*\.json$/.test(f))).toHaveLength(2);
});

test('warmTokens rejects with the failure\'s code after trying every identity', async () => {
  const roles = { OKTA_USERNAME: '', OKTA_PASSWORD: '', OKTA_ROLES: 'admin,user', OKTA_ADMIN_USERNAME: 'alice@example.com', OKTA_ADMIN_PASSWORD: PASSWORD, OKTA_USER_USERNAME: 'bob@example.com', OKTA_USER_PASSWORD: 'not-the-password' };
  const run = await probe([{ op: 'warmTokens' }, { op: 'tokensFor', role: 'admin' }], roles);
  expect(run.results[0]!.error).toMatchObject({ code: 'ERR_AUTHN_FAILED', isOktaError: true });
  expect(run.results[1]!.tokens!.username).toBe('alice@example.com');
  expect(run.children).toEqual(['warm']);
});

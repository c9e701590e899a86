// Generated Playwright projects: configs and specs as text, written by child-run.ts's writeProject.
// API suites call the demo app's /api/me (the app verifies the bearer with Okta's jwt-verifier).
import path from 'node:path';
import { repoRoot, JSON_REPORTER } from './child-run.js';
import { IDENTITIES } from './env.js';

export interface ConfigOptions {
  workers: number;
  baseURL: string;
  /** Point globalSetup / globalTeardown at the repo's (the documented set-up). */
  globalSetup: boolean;
  /** `use` of the single project, e.g. `{ oktaStorage: 'server-session', oktaRole: 'admin' }`. */
  projectUse?: Record<string, unknown>;
  executablePath?: string;
}

export function configFile(options: ConfigOptions): string {
  const setup = options.globalSetup
    ? `globalSetup: ${JSON.stringify(path.join(repoRoot, 'global-setup.ts'))},
  globalTeardown: ${JSON.stringify(path.join(repoRoot, 'global-teardown.ts'))},`
    : '';
  const launchOptions = options.executablePath ? { executablePath: options.executablePath } : {};
  return `export default {
  testDir: '.',
  reporter: ${JSON_REPORTER},
  workers: ${options.workers},
  fullyParallel: true,
  retries: 0,
  ${setup}
  use: { baseURL: ${JSON.stringify(options.baseURL)}, launchOptions: ${JSON.stringify(launchOptions)} },
  projects: [{ name: 'bench', use: ${JSON.stringify(options.projectUse ?? {})} }],
};\n`;
}

const pad = (n: number) => String(n).padStart(3, '0');

/** `count` API tests with the bearer fixture, half for each identity. */
export function apiSpec(count: number): string {
  const perRole = Math.ceil(count / IDENTITIES.length);
  return `import { test, expect } from 'FIXTURES';
for (const role of ${JSON.stringify(IDENTITIES.map((identity) => identity.role))}) {
  test.describe(role, () => {
    test.use({ oktaRole: role });
    for (let n = 1; n <= ${perRole}; n++) {
      test(\`\${role} \${String(n).padStart(3, '0')}\`, async ({ oktaRequest }) => {
        expect((await oktaRequest.get('/api/me')).status()).toBe(200);
      });
    }
  });
}
`;
}

/**
 * The fixture-overhead suite: the same `count` API tests twice, interleaved in one file so that both
 * kinds share workers and the machine's noise. `fixture …` uses our bearer `oktaRequest`; `plain …` uses
 * Playwright's own `request` with a header fixed before the run (BENCH_<ROLE>_AUTHORIZATION), which is the
 * least any suite must do to call a protected API.
 */
export function overheadSpec(count: number): string {
  const perRole = Math.ceil(count / IDENTITIES.length);
  const lines = [
    `import { test as plain, expect } from '@playwright/test';`,
    `import { test } from 'FIXTURES';`,
    '',
  ];
  for (const { role } of IDENTITIES) {
    lines.push(`const ${role}Header = { Authorization: process.env.BENCH_${role.toUpperCase()}_AUTHORIZATION ?? '' };`);
  }
  for (let n = 1; n <= perRole; n++) {
    for (const { role } of IDENTITIES) {
      // A describe per test: test.use({ oktaRole }) must not reach the plain tests, which lack the option.
      lines.push(
        `test.describe(() => {`,
        `  test.use({ oktaRole: '${role}' });`,
        `  test('fixture ${role} ${pad(n)}', async ({ oktaRequest }) => {`,
        `    expect((await oktaRequest.get('/api/me')).status()).toBe(200);`,
        `  });`,
        `});`,
        `plain('plain ${role} ${pad(n)}', async ({ request }) => {`,
        `  expect((await request.get('/api/me', { headers: ${role}Header })).status()).toBe(200);`,
        `});`,
      );
    }
  }
  return lines.join('\n') + '\n';
}

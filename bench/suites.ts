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
 * kinds share the run, the workers and the noise. `fixture …` uses our bearer `oktaRequest`; `plain …`
 * uses Playwright's own `request` with a header fixed before the run (BENCH_<ROLE>_AUTHORIZATION), the
 * least any suite must do to call a protected API. Both are declared with our `test`: Playwright never
 * runs tests of two test types in one worker, so a plain `@playwright/test` test would run in other
 * worker processes at other times. Our fixtures are lazy: a plain test asks for no token. Which kind
 * comes first alternates pair by pair.
 */
export function overheadSpec(count: number): string {
  const perRole = Math.ceil(count / IDENTITIES.length);
  const lines = [`import { test, expect } from 'FIXTURES';`, ''];
  for (const { role } of IDENTITIES) {
    lines.push(`const ${role}Header = { Authorization: process.env.BENCH_${role.toUpperCase()}_AUTHORIZATION ?? '' };`);
  }
  for (let n = 1; n <= perRole; n++) {
    IDENTITIES.forEach(({ role }, i) => {
      const fixture = [
        `  test('fixture ${role} ${pad(n)}', async ({ oktaRequest }) => {`,
        `    expect((await oktaRequest.get('/api/me')).status()).toBe(200);`,
        `  });`,
      ];
      const plain = [
        `  test('plain ${role} ${pad(n)}', async ({ request }) => {`,
        `    expect((await request.get('/api/me', { headers: ${role}Header })).status()).toBe(200);`,
        `  });`,
      ];
      const fixtureFirst = (n + i) % 2 === 0;
      lines.push(
        `test.describe('${role}', () => {`,
        `  test.use({ oktaRole: '${role}' });`,
        ...(fixtureFirst ? [...fixture, ...plain] : [...plain, ...fixture]),
        `});`,
      );
    });
  }
  return lines.join('\n') + '\n';
}

// Child `playwright test` runs for the suite-level tests: a temporary project using our fixtures with N
// workers and no global setup (the hardest case: every worker acquires on its own), and the environment
// that points it at a test's emulator.
import path from 'node:path';
import type { EmulatorHandle } from '../../src/emulator/index.js';
import { runPlaywright, writeProject, type ChildRun } from '../support/child-run.js';
import { scratchDir } from '../support/scratch.js';

export const PASSWORD = 'Passw0rd!';

export async function suiteEnv(emulator: Pick<EmulatorHandle, 'issuer'>, extra: Record<string, string> = {}): Promise<Record<string, string>> {
  return {
    OKTA_ISSUER: emulator.issuer,
    OKTA_CLIENT_ID: 'demo-spa',
    OKTA_REDIRECT_URI: 'http://localhost:3000/login/callback',
    OKTA_ROLES: 'admin,user,ops',
    OKTA_ADMIN_USERNAME: 'alice@example.com',
    OKTA_ADMIN_PASSWORD: PASSWORD,
    OKTA_USER_USERNAME: 'bob@example.com',
    OKTA_USER_PASSWORD: PASSWORD,
    OKTA_OPS_USERNAME: 'mfa@example.com',
    OKTA_OPS_PASSWORD: PASSWORD,
    OKTA_OPS_TOTP_SECRET: 'JBSWY3DPEHPK3PXP',
    OKTA_CACHE_DIR: await scratchDir('okta-suite-'),
    ...extra,
  };
}

/**
 * Runs `specs` (name → source, `'FIXTURES'` = our fixtures) with `workers` workers, fully parallel.
 * `globalSetup` (a module's source) runs in the child just before its workers start: where a test sets
 * the IdP up when the timing matters (a child run can take a while to start on a loaded machine).
 */
export async function runSuite(specs: Record<string, string>, options: { workers: number; baseURL: string; env: Record<string, string>; timeoutMs?: number; globalSetup?: string }): Promise<ChildRun> {
  const dir = await writeProject({
    'playwright.config.ts': `export default {
      testDir: '.',
      reporter: 'list',
      workers: ${options.workers},
      fullyParallel: true,
      timeout: ${options.timeoutMs ?? 30_000},
      use: { baseURL: ${JSON.stringify(options.baseURL)} },
      ${options.globalSetup ? "globalSetup: './suite-global-setup.ts'," : ''}
    };\n`,
    ...(options.globalSetup ? { 'suite-global-setup.ts': options.globalSetup } : {}),
    ...specs,
  });
  return runPlaywright([], { cwd: dir, env: options.env, json: true });
}

export function count(text: string, pattern: RegExp): number {
  return text.match(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`))?.length ?? 0;
}

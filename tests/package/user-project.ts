// A throwaway project of a user of the package: it holds nothing of this repository but the tarball. It is
// made the way a user makes one (`npm init -y`, or a package.json with "type": "module"), installs what the
// README's Quick start says plus TypeScript for its own typecheck, and gets the Quick start's files.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEMO } from '../../src/emulator/state/seed.js';
import { fillEnvFile, type QuickStart } from './readme.js';
import { runOk } from './processes.js';

export type ModuleKind = 'esm' | 'cjs';

export const NPM_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

/** `npm init -y` for CommonJS (what it makes), a one-line package.json with "type": "module" for ESM. */
export async function createProject(dir: string, kind: ModuleKind): Promise<void> {
  await mkdir(dir, { recursive: true });
  if (kind === 'esm') {
    await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: path.basename(dir), private: true, type: 'module' }, null, 2));
  } else {
    await runOk('npm', ['init', '-y'], { cwd: dir });
  }
}

/** The Quick start's `npm i -D` line, with the tarball for `playwright-okta` and `@playwright/test` at `playwright`. */
export function quickStartPackages(quickStart: QuickStart, tarball: string, playwright: string): string[] {
  return quickStart.packages.map((name) => {
    if (name === 'playwright-okta') return tarball;
    if (name === '@playwright/test') return `@playwright/test@${playwright}`;
    return name;
  });
}

/** The .env values for the packaged emulator's demo seed and the user's app. */
export function demoEnv(issuer: string, appUrl: string): Record<string, string> {
  return {
    OKTA_ISSUER: issuer,
    OKTA_CLIENT_ID: DEMO.spaClientId,
    OKTA_REDIRECT_URI: `${DEMO.appOrigin}${DEMO.spaRedirectPath}`,
    OKTA_ROLES: 'admin,user',
    OKTA_ADMIN_USERNAME: DEMO.roles.admin,
    OKTA_ADMIN_PASSWORD: DEMO.password,
    OKTA_USER_USERNAME: DEMO.roles.user,
    OKTA_USER_PASSWORD: DEMO.password,
    APP_BASE_URL: appUrl,
  };
}

// Not the user's: the README's config, plus the machine's Chromium. Users run `npx playwright install
// chromium`; this machine cannot download Playwright's browsers, so the spec passes CHROMIUM_PATH.
const LOCAL_CONFIG = `import config from './playwright.config';

export default { ...config, use: { ...config.use, launchOptions: { executablePath: process.env.CHROMIUM_PATH } } };
`;
export const LOCAL_CONFIG_FILE = 'playwright.local.config.ts';

// The user's own typecheck, strict, in the module system of the project (nodenext follows package.json).
const TSCONFIG = {
  compilerOptions: { strict: true, noEmit: true, target: 'es2022', module: 'nodenext', types: ['node'] },
  include: ['playwright.config.ts', 'tests/**/*.ts'],
};

/** The Quick start's files (its .env filled with `env`), the local config and a tsconfig. */
export async function writeQuickStartFiles(dir: string, quickStart: QuickStart, env: Record<string, string>): Promise<void> {
  for (const [name, content] of Object.entries(quickStart.files)) {
    const file = path.join(dir, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, name === '.env' ? fillEnvFile(content, env) : content);
  }
  await writeFile(path.join(dir, LOCAL_CONFIG_FILE), LOCAL_CONFIG);
  await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
}

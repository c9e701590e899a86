// The end-to-end suites of measure 4: the same `count` tests (open /profile, see the signed-in name),
// signed in three ways. The sign-in steps are those of Playwright's docs/auth.md recipes.
//   storageState  our fixtures: `oktaStorage: 'server-session'`, one headless login per identity per run
//   uiPerTest     every test signs in through the IdP's page first (what teams do without a recipe)
//   uiPerWorker   Playwright's "one account per parallel worker" recipe: a worker-scoped fixture signs in
//                 through the page once and saves a storageState file every test of the worker reuses
import { IDENTITIES } from './env.js';

export const E2E_VARIANTS = ['storageState', 'uiPerWorker', 'uiPerTest'] as const;
export type E2eVariant = (typeof E2E_VARIANTS)[number];

const identity = IDENTITIES[0];
const pad = (n: number) => String(n).padStart(3, '0');

// The app's URL, the IdP's origin and the password come from BENCH_APP_URL, BENCH_ORG_URL, BENCH_PASSWORD.
const SIGN_IN = `
async function signIn(page: Page): Promise<void> {
  await page.goto(process.env.BENCH_APP_URL + '/profile');
  await page.waitForURL((url) => url.origin === process.env.BENCH_ORG_URL && url.pathname === '/login/login.htm');
  await page.locator('#okta-signin-username').fill(${JSON.stringify(identity.username)});
  await page.locator('#okta-signin-password').fill(process.env.BENCH_PASSWORD ?? '');
  await page.locator('#okta-signin-submit').click();
  await expect(page.getByTestId('profile-name')).toHaveText(${JSON.stringify(identity.name)});
}
`;

function tests(count: number, body: string): string {
  return Array.from({ length: count }, (_, i) => `test('profile ${pad(i + 1)}', async ({ page }) => {\n${body}\n});`).join('\n');
}

const OPEN_PROFILE = `  await page.goto('/profile');
  await expect(page.getByTestId('profile-name')).toHaveText(${JSON.stringify(identity.name)});`;

export function e2eSpec(variant: E2eVariant, count: number): string {
  switch (variant) {
    case 'storageState':
      return `import { test, expect } from 'FIXTURES';\n\n${tests(count, OPEN_PROFILE)}\n`;
    case 'uiPerTest':
      return `import { test, expect, type Page } from '@playwright/test';\n${SIGN_IN}\n${tests(count, `  await signIn(page);\n${OPEN_PROFILE}`)}\n`;
    case 'uiPerWorker':
      return `import fs from 'node:fs';
import path from 'node:path';
import { test as baseTest, expect, type Page } from '@playwright/test';
${SIGN_IN}
// docs/auth.md, "Moderate: one account per parallel worker".
const test = baseTest.extend<{}, { workerStorageState: string }>({
  storageState: ({ workerStorageState }, use) => use(workerStorageState),
  workerStorageState: [async ({ browser }, use) => {
    const id = test.info().parallelIndex;
    const fileName = path.resolve(test.info().project.outputDir, \`.auth/\${id}.json\`);
    if (fs.existsSync(fileName)) {
      await use(fileName);
      return;
    }
    const page = await browser.newPage({ storageState: undefined });
    await signIn(page);
    await page.context().storageState({ path: fileName });
    await page.close();
    await use(fileName);
  }, { scope: 'worker' }],
});

${tests(count, OPEN_PROFILE)}
`;
  }
}

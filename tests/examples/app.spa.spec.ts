// An SPA using okta-auth-js: the browser starts with `okta-token-storage` in localStorage, exactly as
// okta-auth-js would have left it after a sign-in. The app is not changed in any way.
import { test, expect } from '../../fixtures/index.js';
import { signInPages } from '../../fixtures/navigation.js';

test('the SPA opens signed in as admin and calls the API', async ({ page, visited }) => {
  await page.goto('/spa');
  await expect(page.getByTestId('spa-user-name')).toHaveText('Alice Admin');
  await expect(page.getByTestId('spa-api-me')).toContainText('alice@example.com');
  expect(signInPages(visited)).toEqual([]);
});

test.describe('as user', () => {
  test.use({ oktaRole: 'user' });

  test('the SPA opens signed in as user', async ({ page, visited }) => {
    await page.goto('/spa');
    await expect(page.getByTestId('spa-user-name')).toHaveText('Bob User');
    await expect(page.getByTestId('spa-api-me')).toContainText('bob@example.com');
    expect(signInPages(visited)).toEqual([]);
  });
});

// A server-session app (an Express site with @okta/oidc-middleware, like a Spring Boot app): the browser
// starts with the app's own session cookie, made headlessly from the identity's single login.
import { test, expect } from '../../fixtures/index.js';
import { signInPages } from '../../fixtures/navigation.js';

test('the profile page opens signed in as admin', async ({ page, visited }) => {
  await page.goto('/profile');
  await expect(page.getByTestId('profile-name')).toHaveText('Alice Admin');
  expect(signInPages(visited)).toEqual([]);
});

test.describe('as user', () => {
  test.use({ oktaRole: 'user' });

  test('the profile page opens signed in as user', async ({ page, visited }) => {
    await page.goto('/profile');
    await expect(page.getByTestId('profile-name')).toHaveText('Bob User');
    expect(signInPages(visited)).toEqual([]);
  });
});

test.describe('with only the Okta session', () => {
  // The okta-session kind: the browser holds Okta's `sid` and nothing of the app's. The app's own login
  // bounces through Okta, which signs the user in from the session without showing its sign-in page.
  test.use({ oktaStorage: 'okta-session' });

  test('the app signs in by bouncing through Okta, never showing the sign-in page', async ({ page, visited }) => {
    await page.goto('/profile');
    await expect(page.getByTestId('profile-name')).toHaveText('Alice Admin');
    expect(visited.some((url) => url.includes('/v1/authorize'))).toBe(true);
    expect(visited.filter((url) => new URL(url).pathname.startsWith('/login/login.htm'))).toEqual([]);
  });
});

// API tests with a bearer token. The project chooses the role (`use: { oktaRole: 'user' }`); a describe
// block can choose another with test.use.
import { test, expect } from '../../fixtures/index.js';

test('the API knows the signed-in user', async ({ oktaRequest }) => {
  const response = await oktaRequest.get('/api/me');
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ subject: 'bob@example.com' });
});

test('an ordinary user is refused the admin report', async ({ oktaRequest }) => {
  const response = await oktaRequest.get('/api/admin/report');
  expect(response.status()).toBe(403);
});

test('bearer headers work with any client', async ({ request, bearerHeaders }) => {
  const response = await request.get('/api/me', { headers: bearerHeaders });
  expect(response.status()).toBe(200);
});

test.describe('as admin', () => {
  test.use({ oktaRole: 'admin' });

  test('an admin gets the admin report', async ({ oktaRequest }) => {
    const response = await oktaRequest.get('/api/admin/report');
    expect(response.status()).toBe(200);
  });

  test('the admin is in the Admins group', async ({ oktaRequest }) => {
    const me = await (await oktaRequest.get('/api/me')).json();
    expect(me).toMatchObject({ subject: 'alice@example.com' });
    expect(me.groups).toContain('Admins');
  });
});

// Two identities in one test: an admin acts, an ordinary user checks what they may see.
import { test, expect } from '../../fixtures/index.js';

test('switching role inside one test', async ({ oktaAs }) => {
  const admin = await oktaAs('admin');
  const user = await oktaAs('user');

  expect((await admin.request.get('/api/admin/report')).status()).toBe(200);
  expect((await user.request.get('/api/admin/report')).status()).toBe(403);
  expect(admin.tokens.username).toBe('alice@example.com');
  expect(user.tokens.username).toBe('bob@example.com');
});

test('a fixture of the project built on Okta\'s: the admin API beside the user\'s own', async ({ adminApi, oktaRequest }) => {
  expect((await adminApi.get('/api/admin/report')).status()).toBe(200);
  expect((await oktaRequest.get('/api/admin/report')).status()).toBe(403);
});

// An IdP whose clock is two minutes off (either way): its tokens are still accepted (the engine's tolerance
// covers it, as okta-auth-js's 300 s maxClockSkew does), expiry is computed from `expires_in` and the local
// clock rather than from the skewed `exp`, and the app (Okta's jwt-verifier) accepts them.
import { test, expect } from '@playwright/test';
import { acquireTokens, loadConfig } from '../../src/engine/index.js';
import { startDemoStack, type DemoStack } from '../demo-app/stack.js';
import { engineEnv, removeDir, tempDir } from './support.js';

let stack: DemoStack;
let dir: string;

test.beforeAll(async () => {
  stack = await startDemoStack();
});
test.afterAll(async () => {
  await stack?.close();
});
test.beforeEach(async () => {
  stack.emulator.reset();
  dir = await tempDir('okta-clock-');
});
test.afterEach(async () => {
  await removeDir(dir);
});

for (const skew of [120, -120]) {
  test(`the IdP's clock ${skew > 0 ? 'two minutes ahead' : 'two minutes behind'}: tokens accepted, expiry from expires_in`, async ({ request }) => {
    stack.emulator.setScenario({ clockSkewSeconds: skew });
    const config = loadConfig(engineEnv(stack.emulator, dir, { OKTA_REDIRECT_URI: stack.spaRedirectUri }));
    const before = Date.now();
    const { tokens, source } = await acquireTokens(config, 'default');
    const after = Date.now();
    expect(source).toBe('login');
    // The token's own clock is off by the skew: issued (in whole seconds) during the login, by the IdP's clock...
    const exp = tokens.accessTokenClaims.exp as number;
    const iat = tokens.accessTokenClaims.iat as number;
    expect(iat * 1000 - skew * 1000).toBeGreaterThanOrEqual(before - 1000);
    expect(iat * 1000 - skew * 1000).toBeLessThanOrEqual(after);
    expect(exp - iat).toBe(3600);
    // ...but the expiry the engine keeps is an hour (expires_in = 3600) less the rounding second from the
    // local clock's moment of the token request, not the skewed exp (two minutes off either way).
    expect(tokens.obtainedAt).toBeGreaterThanOrEqual(before);
    expect(tokens.obtainedAt).toBeLessThanOrEqual(after);
    expect(tokens.expiresAt).toBeGreaterThanOrEqual(before + 3_599_000);
    expect(tokens.expiresAt).toBeLessThanOrEqual(after + 3_599_000);
    expect((await acquireTokens(config, 'default')).source).toBe('cache');
    const me = await request.get(`${stack.appUrl}/api/me`, { headers: { Authorization: `Bearer ${tokens.accessToken}` } });
    expect(me.status()).toBe(200);
  });
}

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
    const { tokens, source } = await acquireTokens(config, 'default');
    expect(source).toBe('login');
    // The token's own clock is off by the skew...
    const exp = tokens.accessTokenClaims.exp as number;
    const iat = tokens.accessTokenClaims.iat as number;
    expect(Math.abs(iat * 1000 - (tokens.obtainedAt + skew * 1000))).toBeLessThan(3_000);
    // ...but the expiry the engine keeps is an hour from now by the local clock (expires_in = 3600).
    expect(tokens.expiresAt - tokens.obtainedAt).toBe(3_600_000);
    expect(Math.abs(exp * 1000 - tokens.expiresAt - skew * 1000)).toBeLessThan(3_000);
    expect((await acquireTokens(config, 'default')).source).toBe('cache');
    const me = await request.get(`${stack.appUrl}/api/me`, { headers: { Authorization: `Bearer ${tokens.accessToken}` } });
    expect(me.status()).toBe(200);
  });
}

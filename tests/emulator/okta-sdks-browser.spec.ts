// okta-auth-js's silent flow, in a real Chromium: token.getWithoutPrompt() loads /authorize (prompt=none,
// response_mode=okta_post_message) in a hidden iframe, waits for the emulator's postMessage, then exchanges
// the code with PKCE over CORS. It needs a browser, so it runs here and not with the Node SDK tests.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { repoRoot } from '../support/child-run.js';

const SDK = readFileSync(path.join(repoRoot, 'node_modules/@okta/okta-auth-js/dist/okta-auth-js.min.js'));

let app: Server;
let appOrigin: string;
let emulator: EmulatorHandle;

test.beforeAll(async () => {
  // The page must come from a real local server: Chromium will not let a routed page frame 127.0.0.1.
  app = createServer((req, res) => {
    if (req.url === '/okta-auth-js.min.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(SDK);
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><script src="/okta-auth-js.min.js"></script>');
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  appOrigin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  emulator = await startEmulator({
    port: 0,
    seed: { clients: [{ clientId: 'silent-spa', redirectUris: [`${appOrigin}/callback`] }] },
  });
});

test.afterAll(async () => {
  await emulator?.close();
  app?.closeAllConnections();
  await new Promise((resolve) => app?.close(resolve));
});

test('okta-auth-js token.getWithoutPrompt with a sessionToken gets verified tokens through the hidden iframe', async ({ page }) => {
  await page.goto(appOrigin);
  const result = await page.evaluate(
    async ({ issuer, redirectUri }) => {
      const OktaAuth = (window as unknown as { OktaAuth: new (options: object) => any }).OktaAuth;
      const sdk = new OktaAuth({ issuer, clientId: 'silent-spa', redirectUri, pkce: true, scopes: ['openid', 'profile', 'email'] });
      const transaction = await sdk.signInWithCredentials({ username: 'bob@example.com', password: 'Passw0rd!' });
      const { tokens } = await sdk.token.getWithoutPrompt({ sessionToken: transaction.sessionToken });
      const user = await sdk.token.getUserInfo(tokens.accessToken, tokens.idToken);
      return {
        status: transaction.status,
        // okta-auth-js 8 decodes access tokens only when asked (decodeAccessTokens): decode it here.
        accessSub: sdk.token.decode(tokens.accessToken.accessToken).payload.sub,
        idAud: tokens.idToken.claims.aud,
        scopes: tokens.accessToken.scopes,
        email: user.email,
      };
    },
    { issuer: emulator.issuer, redirectUri: `${appOrigin}/callback` },
  );
  expect(result).toEqual({
    status: 'SUCCESS',
    accessSub: 'bob@example.com',
    idAud: 'silent-spa',
    scopes: ['openid', 'profile', 'email'],
    email: 'bob@example.com',
  });
  // The silent flow really went through the iframe and the PKCE code exchange.
  expect(emulator.stats()).toMatchObject({ 'GET /oauth2/default/v1/authorize': 1, 'POST /oauth2/default/v1/token': 1 });
});

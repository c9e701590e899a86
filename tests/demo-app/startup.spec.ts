// startDemoApp() against an issuer that is not there: it says which URL it could not read and frees its
// port; and it waits for an issuer that is still starting, as with `npm run emulator` beside it.
import { expect, test } from '@playwright/test';
import { startDemoApp } from '../../demo-app/server.js';
import { startEmulator } from '../../src/emulator/index.js';
import { canListen, closedPort, freePort } from '../support/free-port.js';
import { demoSeed } from './stack.js';

test('an unreachable issuer: startDemoApp rejects naming the discovery URL, and the port is free again', async () => {
  const [deadPort, appPort] = [await closedPort(), await freePort()];
  const issuer = `http://127.0.0.1:${deadPort}/oauth2/default`;
  const started = startDemoApp({ port: appPort, issuer, issuerWaitMs: 0 });
  await expect(started).rejects.toThrow(`${issuer}/.well-known/openid-configuration`);
  await expect(started).rejects.toThrow(/ECONNREFUSED/);
  expect(await canListen(appPort)).toBe(true);
});

test('an issuer that comes up a moment later: startDemoApp waits for it and then serves sign-ins', async ({ request }) => {
  const [emulatorPort, appPort] = [await freePort(), await freePort()];
  const appUrl = `http://localhost:${appPort}`;
  const starting = startDemoApp({
    port: appPort,
    issuer: `http://127.0.0.1:${emulatorPort}/oauth2/default`,
    appBaseUrl: appUrl,
    issuerWaitMs: 10_000,
  });
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const emulator = await startEmulator({ port: emulatorPort, seed: demoSeed(appUrl) });
  try {
    const app = await starting;
    try {
      const login = await request.get(`${app.url}/login`, { maxRedirects: 0 });
      expect(login.status()).toBe(302);
      expect(login.headers().location).toContain(`${emulator.issuer}/v1/authorize?`);
    } finally {
      await app.close();
    }
  } finally {
    await emulator.close();
  }
});

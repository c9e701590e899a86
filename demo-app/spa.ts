// The SPA: static files plus okta-auth-js's own browser bundle, no bundler. The server only injects the
// configuration; everything Okta-related happens in the browser, as in a real SPA, so a test that fills
// `okta-token-storage` exercises exactly what okta-auth-js reads.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';
import type { DemoAppConfig } from './config.js';

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));
/** Where the redirect flow comes back to; a path of the SPA, not of the server. */
export const SPA_CALLBACK_PATH = '/login/callback';

export function createSpa(config: DemoAppConfig): Router {
  const bundle = join(oktaAuthJsRoot(), 'dist', 'okta-auth-js.min.js');
  const spaConfig = {
    issuer: config.issuer,
    clientId: config.spaClientId,
    redirectUri: `${config.appBaseUrl}${SPA_CALLBACK_PATH}`,
    // The home page: Okta must list it as a sign-out redirect URI of the SPA's client too.
    postLogoutRedirectUri: `${config.appBaseUrl}/`,
    scopes: ['openid', 'profile', 'email'],
    pkce: true,
  };

  const spa = Router();
  spa.get('/vendor/okta-auth-js.min.js', (_req, res) => res.sendFile(bundle));
  spa.get('/spa/config.js', (_req, res) => {
    res.type('application/javascript').set('Cache-Control', 'no-store');
    res.send(`window.DEMO_SPA_CONFIG = ${JSON.stringify(spaConfig)};\n`);
  });
  spa.use('/static', express.static(PUBLIC_DIR, { index: false }));
  // One page for the app and its callback: okta-auth-js tells them apart by the URL.
  spa.get(['/spa', SPA_CALLBACK_PATH], (_req, res) => res.sendFile(join(PUBLIC_DIR, 'spa.html')));
  return spa;
}

/** The package's exports map hides dist/, so find its root from the entry point Node does resolve. */
function oktaAuthJsRoot(): string {
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve('@okta/okta-auth-js'));
  while (dir !== dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === '@okta/okta-auth-js') return dir;
    dir = dirname(dir);
  }
  throw new Error('demo app: cannot find the @okta/okta-auth-js package (is it installed?)');
}

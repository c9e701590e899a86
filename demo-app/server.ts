// The demo app: one Express app composed of a bearer API, an SPA and a server-session site, each protected
// by one of Okta's own SDKs. startDemoApp() resolves only once the app can serve a sign-in.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createBearerApi } from './bearer-api.js';
import { resolveConfig, type DemoAppOptions } from './config.js';
import { createSessionSite } from './session-site.js';
import { createSpa } from './spa.js';

export { DEMO_SESSION_COOKIE, EMULATOR_ISSUER, type DemoAppOptions } from './config.js';

export interface DemoAppHandle extends AsyncDisposable {
  /** The app's base URL as browsers use it (`appBaseUrl`), e.g. `http://localhost:3000`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startDemoApp(options: DemoAppOptions): Promise<DemoAppHandle> {
  // Bind first: with port 0 the redirect URIs the SDKs are configured with depend on the port we get.
  const server = createServer((_req, res) => {
    res.writeHead(503, { 'Content-Type': 'text/plain' }).end('demo app: starting\n');
  });
  const port = await listen(server, options.port ?? 0);
  try {
    const config = resolveConfig(options, port);
    const app = express();
    app.disable('x-powered-by');
    app.use('/api', createBearerApi(config));
    app.use(createSpa(config));
    app.use(await createSessionSite(config));

    server.removeAllListeners('request');
    server.on('request', app);
    const close = () => closeServer(server);
    return { url: config.appBaseUrl, port, close, [Symbol.asyncDispose]: close };
  } catch (err) {
    await closeServer(server);
    throw err;
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    // Browsers keep connections alive; without this close() waits for them to time out.
    server.closeAllConnections();
  });
}

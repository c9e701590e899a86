// Corporate networks: every engine request goes through the proxy named by HTTP(S)_PROXY, except hosts in
// NO_PROXY. A forward proxy on loopback stands in for the corporate one and counts what passes through it.
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { test, expect } from '@playwright/test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index.js';
import { engineEnv, removeDir, runCli, tempDir } from './support.js';

let emulator: EmulatorHandle;
let proxy: Server;
let proxyUrl: string;
const proxied: string[] = [];

test.beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  // A forward proxy that only tunnels (CONNECT), as undici asks for http targets too; any other request
  // is recorded and refused, so the test would see it.
  proxy = createServer((req, res) => {
    proxied.push(`${req.method} ${req.url}`);
    res.writeHead(502).end();
  });
  proxy.on('connect', (req, client, head) => {
    proxied.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await emulator.close();
  proxy.closeAllConnections();
  await new Promise((resolve) => proxy.close(resolve));
});

test.beforeEach(() => {
  proxied.length = 0;
});

test('HTTP_PROXY: the whole login goes through the proxy', async () => {
  const dir = await tempDir('okta-proxy-');
  try {
    const before = emulator.stats();
    const run = await runCli([], engineEnv(emulator, dir, { HTTP_PROXY: proxyUrl, NO_PROXY: '' }), dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // Every connection the engine opened was a tunnel through the proxy to the emulator.
    expect(proxied.length).toBeGreaterThan(0);
    expect(new Set(proxied)).toEqual(new Set([`CONNECT 127.0.0.1:${emulator.port}`]));
    expect((emulator.stats()['POST /api/v1/authn'] ?? 0) - (before['POST /api/v1/authn'] ?? 0)).toBe(1);
  } finally {
    await removeDir(dir);
  }
});

test('NO_PROXY: a listed host is reached directly', async () => {
  const dir = await tempDir('okta-proxy-');
  try {
    const run = await runCli([], engineEnv(emulator, dir, { HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' }), dir);
    expect(run.code).toBe(0);
    expect(proxied).toEqual([]);
  } finally {
    await removeDir(dir);
  }
});

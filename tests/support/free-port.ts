// A TCP port that was free a moment ago, for servers whose URL must be known before they start (redirect
// URIs registered in an emulator seed). Another process could take it in between; on one test machine
// that race is rare enough, and the server then fails loudly with EADDRINUSE.
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('freePort: the OS gave no port'))));
    });
  });
}

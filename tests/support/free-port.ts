// Ports for tests whose URL must be known before the server starts (redirect URIs registered in an
// emulator seed, a port given on a command line), and a port for tests of "nothing answers".
//
// Both come from below the OS's ephemeral range, which is where every port-0 server and every outgoing
// connection gets its port: a port handed out here cannot be taken by a parallel worker's port-0 server in
// the moment before its own server listens. Each Playwright worker running at the same time
// (TEST_PARALLEL_INDEX) has its own block, so two workers never hand out the same port either.
import { connect, createServer } from 'node:net';
import { readFileSync } from 'node:fs';

// Above the config's fixed ports (3000 for the demo app, 9400 for the emulator) and Chromium's last refused
// port (10080); the blocks end below 32768, where Linux's ephemeral range starts by default.
const FIRST = 10_100;
const BLOCK = 1_400;
const BLOCKS = 15; // the last one for callers outside Playwright (the bench)

let next = 0;

export async function freePort(): Promise<number> {
  const block = blockStart();
  if (block === undefined) return kernelPort();
  for (let tried = 0; tried < BLOCK; tried++) {
    const port = block + (next++ % BLOCK);
    if (await canListen(port)) return port;
  }
  throw new Error(`freePort: no free port in ${block}-${block + BLOCK - 1}`);
}

// Nothing listens on it and no server of this suite will: it is below the ephemeral range, below every
// freePort block, above the privileged ports, and not one Chromium refuses.
const CLOSED_CANDIDATES = [1029, 1031, 1033, 1037, 1039, 1041];

export async function closedPort(): Promise<number> {
  const low = ephemeralLow();
  for (const port of CLOSED_CANDIDATES) {
    if (port < low && (await refuses(port))) return port;
  }
  throw new Error(`closedPort: none of ${CLOSED_CANDIDATES.join(', ')} is closed below the ephemeral range (from ${low})`);
}

function blockStart(): number | undefined {
  const index = Number(process.env.TEST_PARALLEL_INDEX ?? BLOCKS - 1);
  const start = FIRST + (Number.isInteger(index) && index >= 0 && index < BLOCKS - 1 ? index : BLOCKS - 1) * BLOCK;
  // A machine whose ephemeral range starts low gets the kernel's choice, with its small race.
  return start + BLOCK <= ephemeralLow() ? start : undefined;
}

function ephemeralLow(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32_768;
  } catch {
    return 32_768; // Linux's default; other systems have no such file
  }
}

/** Whether a server could listen on `port` on 127.0.0.1 right now. */
export function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function kernelPort(): Promise<number> {
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

function refuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

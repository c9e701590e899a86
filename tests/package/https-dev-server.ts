// `npm run dev` of the https-config spec's throwaway project: the user's small app (user-app.ts) for
// OKTA_ISSUER, on the port the config names (`node … https-dev-server.ts PORT`). user-app.ts listens on a
// port of its own; this forwards PORT on 127.0.0.1 and ::1 to it, as `localhost` may resolve to either.
// Its /api/me asks the https issuer's /userinfo, so it answers 200 only when this process trusts the
// emulator's CA: NODE_EXTRA_CA_CERTS from the config, since nobody else gives it one.
import net from 'node:net';
import { startUserApp } from './user-app.js';

const port = Number(process.argv[2]);
const issuer = process.env.OKTA_ISSUER;
if (!port || !issuer) throw new Error('usage: OKTA_ISSUER=… https-dev-server.ts PORT');

const app = new URL((await startUserApp(issuer)).url);
const forward = (socket: net.Socket): void => {
  const upstream = net.connect(Number(app.port), app.hostname);
  socket.pipe(upstream).pipe(socket);
  socket.on('error', () => upstream.destroy());
  upstream.on('error', () => socket.destroy());
};
for (const host of ['127.0.0.1', '::1']) {
  net.createServer(forward).listen(port, host).on('error', (error: NodeJS.ErrnoException) => {
    // A machine without IPv6 has no ::1; 127.0.0.1 is enough there.
    if (host === '::1' && error.code === 'EADDRNOTAVAIL') return;
    throw error;
  });
}

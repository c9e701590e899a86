// The user's app, as small as an Okta-protected app gets, with no dependencies: `GET /api/me` asks the
// issuer's /userinfo with the request's bearer token (401 without one, or when Okta refuses it), and `/`
// is an SPA page that reads okta-auth-js's `okta-token-storage` and shows who the API says is signed in.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const PAGE = `<!doctype html>
<title>user app</title>
<p id="who">signed out</p>
<script>
  const stored = JSON.parse(localStorage.getItem('okta-token-storage') || 'null');
  if (stored && stored.accessToken) {
    fetch('/api/me', { headers: { Authorization: 'Bearer ' + stored.accessToken.accessToken } })
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error('status ' + response.status))))
      .then((me) => { document.getElementById('who').textContent = 'Signed in as ' + me.preferred_username; });
  }
</script>
`;

export interface UserApp {
  url: string;
  close(): Promise<void>;
}

export async function startUserApp(issuer: string): Promise<UserApp> {
  const server: Server = createServer(async (request, response) => {
    if (request.url === '/') {
      response.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      return;
    }
    if (request.url !== '/api/me') {
      response.writeHead(404).end();
      return;
    }
    const authorization = request.headers.authorization;
    if (!authorization?.startsWith('Bearer ')) {
      response.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
      return;
    }
    const userinfo = await fetch(`${issuer}/v1/userinfo`, { headers: { authorization } }).catch(() => undefined);
    if (!userinfo?.ok) {
      response.writeHead(401, { 'www-authenticate': 'Bearer error="invalid_token"' }).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(await userinfo.json()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

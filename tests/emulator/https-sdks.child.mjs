// Run by https.spec.ts in a child process whose only trust in the emulator is NODE_EXTRA_CA_CERTS: Okta's
// own SDKs against the HTTPS emulator, with no `testing: { disableHttpsCheck }` anywhere.
//   1. @okta/jwt-verifier verifies ACCESS_TOKEN (obtained by the engine), fetching the JWKS over TLS;
//   2. @okta/oidc-middleware (openid-client 5 inside) does a whole sign-in: /login → authorize → the hosted
//      sign-in page → the code back to its callback → code exchange and userinfo, all over TLS.
// Prints one JSON line of non-secret results; any failure exits 1 with the error's message.
import express from 'express';
import session from 'express-session';
import oidcMiddleware from '@okta/oidc-middleware';
import OktaJwtVerifier from '@okta/jwt-verifier';

const { ExpressOIDC } = oidcMiddleware;
const { ISSUER, ACCESS_TOKEN, APP_PORT, USERNAME, PASSWORD, CLIENT_SECRET } = process.env;
const appBaseUrl = `http://127.0.0.1:${APP_PORT}`;

async function main() {
  const result = {};
  // The SDK's own check is alive: an http issuer is refused without disableHttpsCheck.
  try {
    new OktaJwtVerifier({ issuer: ISSUER.replace('https:', 'http:') });
    result.httpRefused = false;
  } catch {
    result.httpRefused = true;
  }
  const verifier = new OktaJwtVerifier({ issuer: ISSUER, assertClaims: { cid: 'demo-spa' } });
  const jwt = await verifier.verifyAccessToken(ACCESS_TOKEN, 'api://default');
  result.verifiedSub = jwt.claims.sub;

  const oidc = new ExpressOIDC({ issuer: ISSUER, client_id: 'demo-web', client_secret: CLIENT_SECRET, appBaseUrl, scope: 'openid profile email' });
  await new Promise((resolve, reject) => {
    oidc.once('ready', resolve);
    oidc.once('error', reject);
  });
  const app = express();
  app.use(session({ secret: 'https-spec-session', resave: false, saveUninitialized: false }));
  app.use(oidc.router);
  app.get('/', (_req, res) => res.send('home'));
  app.get('/me', oidc.ensureAuthenticated(), (req, res) => res.json({ sub: req.userContext.userinfo.sub, name: req.userContext.userinfo.name }));
  const server = await new Promise((resolve) => {
    const s = app.listen(Number(APP_PORT), '127.0.0.1', () => resolve(s));
  });
  try {
    result.me = await signInThroughApp();
  } finally {
    server.close();
  }
  console.log(JSON.stringify(result));
}

// A browser's part, by hand: follow redirects, keep each origin's cookies, post the sign-in form.
async function signInThroughApp() {
  const jars = new Map();
  const send = async (url, init = {}) => {
    const origin = new URL(url).origin;
    const cookies = jars.get(origin) ?? new Map();
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers ?? {}), cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    jars.set(origin, cookies);
    return res;
  };
  const follow = async (url, init) => {
    let res = await send(url, init);
    for (let hops = 0; res.status >= 300 && res.status < 400 && hops < 10; hops++) {
      const next = new URL(res.headers.get('location'), url).toString();
      url = next;
      res = await send(next);
    }
    return { res, url };
  };
  // The app sends us to Okta, Okta to its sign-in page.
  const page = await follow(`${appBaseUrl}/login`);
  if (!page.url.includes('/login/login.htm')) throw new Error(`expected the sign-in page, got ${page.res.status} at ${new URL(page.url).pathname}`);
  const fromURI = new URL(page.url).searchParams.get('fromURI');
  const form = new URLSearchParams({ username: USERNAME, password: PASSWORD, fromURI });
  // Sign in; Okta returns to authorize, which sends the code to the app; the app exchanges it and lands on '/'.
  const landed = await follow(new URL('/login/login.htm', page.url).toString(), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
  if (landed.url !== `${appBaseUrl}/`) throw new Error(`the sign-in ended at ${new URL(landed.url).pathname} with ${landed.res.status}`);
  const me = await send(`${appBaseUrl}/me`);
  if (me.status !== 200) throw new Error(`/me answered ${me.status}`);
  return me.json();
}

main().then(
  () => process.exit(0),
  (error) => {
    // jwt-verifier keeps the underlying failure in innerError (a TLS refusal shows there).
    const inner = error?.innerError ?? error?.cause;
    console.error(`https-sdks child: ${error?.message ?? error}${inner ? ` (cause: ${inner.code ?? inner.message})` : ''}`);
    process.exit(1);
  },
);

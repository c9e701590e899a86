// The server-session site: Okta's @okta/oidc-middleware (client `demo-web`, authorization code with a
// client secret) keeps the user in an express-session cookie. It is the "classic web app" users test with
// a saved session cookie, so it does nothing the middleware's docs do not show.
import { randomBytes } from 'node:crypto';
import oidcMiddleware from '@okta/oidc-middleware';
import express, { Router } from 'express';
import session from 'express-session';
import { DEMO_SESSION_COOKIE, withoutHttpsCheckWarning, type DemoAppConfig } from './config.js';
import { escapeHtml, page } from './html.js';

// A CommonJS package whose named exports Node cannot detect: take them from its default export.
const { ExpressOIDC } = oidcMiddleware;
type ExpressOIDC = InstanceType<typeof ExpressOIDC>;

/** Builds the site once the middleware has read the issuer's discovery document. */
export async function createSessionSite(config: DemoAppConfig): Promise<Router> {
  const oidc = await startOidc(config);
  // After start-up the middleware reports failed revocations and logout problems here; an unhandled
  // 'error' event would crash the process, and a swallowed one would hide an emulator bug.
  oidc.on('error', (err) => console.error(`demo app: oidc-middleware error: ${err.message}`));

  const site = Router();
  site.use(
    session({
      name: DEMO_SESSION_COOKIE,
      // Sessions live in this process's memory, so a per-process secret loses nothing on restart.
      secret: process.env.DEMO_SESSION_SECRET || randomBytes(32).toString('hex'),
      store: new session.MemoryStore(),
      resave: false,
      saveUninitialized: false,
      cookie: { httpOnly: true, sameSite: 'lax', path: '/' },
    }),
  );
  // /login, /authorization-code/callback and POST /logout, as the middleware defines them.
  site.use(oidc.router);

  site.get('/profile', oidc.ensureAuthenticated(), (req, res) => {
    const info = req.userContext?.userinfo;
    const name = String(info?.name ?? info?.preferred_username ?? info?.sub ?? '');
    const email = String(info?.email ?? '');
    res.send(
      page(
        'Profile',
        `<h1 data-testid="profile-name">${escapeHtml(name)}</h1>
<p>Email: <span data-testid="profile-email">${escapeHtml(email)}</span></p>
<p>Subject: <span data-testid="profile-sub">${escapeHtml(String(info?.sub ?? ''))}</span></p>
${logoutForm()}`,
      ),
    );
  });

  // The middleware signs out on POST only (a GET could be triggered by a prefetch or an <img>): a GET
  // shows the form that posts.
  site.get('/logout', (_req, res) => {
    res.send(page('Sign out', `<h1>Sign out?</h1>${logoutForm()}`));
  });

  site.get('/', (req, res) => {
    const info = req.userContext?.userinfo;
    const status = info
      ? `<p data-testid="home-status">Signed in as ${escapeHtml(String(info.name ?? info.sub))}</p>${logoutForm()}`
      : `<p data-testid="home-status">Not signed in</p><p><a href="/login" data-testid="home-sign-in">Sign in</a></p>`;
    res.send(
      page(
        'Demo app',
        `<h1>Demo app</h1>${status}
<ul>
  <li><a href="/profile">Profile</a> (server session, @okta/oidc-middleware)</li>
  <li><a href="/spa">SPA</a> (@okta/okta-auth-js)</li>
  <li><code>GET /api/me</code>, <code>GET /api/admin/report</code> (bearer, @okta/jwt-verifier)</li>
</ul>`,
      ),
    );
  });
  // The middleware's error handler sets 401 for a failed callback; say what failed instead of a stack.
  site.use((err: Error, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(err);
    if (res.statusCode < 400) res.status(500);
    res.send(page('Sign-in failed', `<h1>Sign-in failed</h1><p data-testid="error">${escapeHtml(err.message)}</p>`));
  });
  return site;
}

function logoutForm(): string {
  return `<form method="post" action="/logout"><button type="submit" data-testid="sign-out">Sign out</button></form>`;
}

/** ExpressOIDC reads discovery once, in its constructor: while the issuer refuses connections, build anew. */
async function startOidc(config: DemoAppConfig): Promise<ExpressOIDC> {
  const deadline = Date.now() + config.issuerWaitMs;
  for (;;) {
    const oidc = withoutHttpsCheckWarning(
      () =>
        new ExpressOIDC({
          issuer: config.issuer,
          client_id: config.webClientId,
          client_secret: config.webClientSecret,
          appBaseUrl: config.appBaseUrl,
          scope: 'openid profile email',
          ...(config.insecureIssuer ? { testing: { disableHttpsCheck: true } } : {}),
        }),
    );
    try {
      await whenReady(oidc, config.issuer);
      return oidc;
    } catch (err) {
      const refused = (err as Error).cause instanceof Error && (err as { cause: { code?: unknown } }).cause.code === 'ECONNREFUSED';
      if (!refused || Date.now() >= deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

function whenReady(oidc: ExpressOIDC, issuer: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => {
      oidc.off('ready', onReady);
      reject(
        new Error(
          `demo app: @okta/oidc-middleware could not start against ${issuer} ` +
            `(it reads ${issuer}/.well-known/openid-configuration): ${err.message}`,
          { cause: err },
        ),
      );
    };
    const onReady = () => {
      oidc.off('error', onError);
      resolve();
    };
    oidc.once('ready', onReady);
    oidc.once('error', onError);
  });
}

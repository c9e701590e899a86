// The bearer API: access tokens checked by Okta's own @okta/jwt-verifier, the way a resource server in
// front of Okta does it. Errors follow RFC 6750 so clients (and the fixtures) can tell "send a token" from
// "your token is bad" from "you may not".
import OktaJwtVerifier from '@okta/jwt-verifier';
import { Router, type Request, type Response, type NextFunction } from 'express';
import { withoutHttpsCheckWarning, type DemoAppConfig } from './config.js';

export const ADMIN_GROUP = 'Admins';

type Claims = OktaJwtVerifier.JwtClaims;

export function createBearerApi(config: DemoAppConfig): Router {
  const verifier = withoutHttpsCheckWarning(
    () =>
      new OktaJwtVerifier({
        issuer: config.issuer,
        ...(config.insecureIssuer ? { testing: { disableHttpsCheck: true } } : {}),
      }),
  );

  async function authenticate(req: Request, res: Response, next: NextFunction): Promise<void> {
    const match = /^Bearer +(\S+) *$/i.exec(req.get('authorization') ?? '');
    if (!match?.[1]) {
      // RFC 6750 §3.1: a request without credentials gets the challenge but no error code.
      res.set('WWW-Authenticate', 'Bearer realm="api"');
      res.status(401).json({
        error: 'unauthorized',
        error_description: 'This API needs an access token: send "Authorization: Bearer <access token>".',
      });
      return;
    }
    const token = match[1];
    try {
      const jwt = await verifier.verifyAccessToken(token, config.audience);
      res.locals.claims = jwt.claims;
      next();
    } catch (err) {
      const description = describeRejection(err, token);
      res.set('WWW-Authenticate', `Bearer realm="api", error="invalid_token", error_description="${description}"`);
      res.status(401).json({ error: 'invalid_token', error_description: description });
    }
  }

  const api = Router();
  api.use(authenticate);

  api.get('/me', (_req, res) => {
    const claims = res.locals.claims as Claims;
    res.json({
      subject: claims.sub,
      userId: claims.uid ?? null,
      scopes: claims.scp ?? [],
      groups: groupsOf(claims),
      clientId: claims.cid ?? null,
    });
  });

  api.get('/admin/report', (_req, res) => {
    const claims = res.locals.claims as Claims;
    if (!groupsOf(claims).includes(ADMIN_GROUP)) {
      res.status(403).json({
        error: 'forbidden',
        error_description: `The admin report is for members of the ${ADMIN_GROUP} group; ${claims.sub} is not one.`,
      });
      return;
    }
    res.json({ report: 'admin report', generatedFor: claims.sub, generatedAt: new Date().toISOString() });
  });

  // Unknown API paths answer JSON too, so API clients never get the HTML of another part of the app.
  api.use((_req, res) => {
    res.status(404).json({ error: 'not_found', error_description: 'No such API route.' });
  });
  return api;
}

function groupsOf(claims: Claims): string[] {
  return Array.isArray(claims.groups) ? claims.groups.filter((g): g is string => typeof g === 'string') : [];
}

/** The verifier's reason, safe to put in a header: never the token itself, no quotes, one short line. */
function describeRejection(err: unknown, token: string): string {
  const reason = err instanceof Error && err.message ? err.message : 'the access token could not be verified';
  return `The access token was rejected: ${reason}`
    .split(token)
    .join('<token>')
    .replace(/["\\\r\n]/g, "'")
    .slice(0, 300);
}

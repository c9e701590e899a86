// okta-token: an access token for curl, Postman and scripts, from the same engine and cache as the
// Playwright fixtures. stdout carries only the requested output so `$(npx okta-token)` works; failures
// exit non-zero with `okta-token: ERR_…: <what to do>` as the first stderr line.
import { parseArgs } from 'node:util';
import { acquireTokens, isOktaError, loadConfig, type TokenRecord } from '../fixtures/engine/index.js';

export const USAGE = `usage: okta-token [--role NAME] [--format token|header|json|curl] [--fresh]

  --role NAME      identity to use (default: OKTA_USERNAME's, else the first of OKTA_ROLES)
  --format FORMAT  token (default): the access token alone
                   header: Authorization: Bearer <token>
                   json: token, expiry, scopes, subject, role, issuer and claims
                   curl: -H "Authorization: Bearer <token>" (eval curl $(okta-token --format curl) URL)
  --fresh          log in again instead of using the cached tokens
  --help           this text

Configuration comes from the environment and .env (OKTA_ISSUER, OKTA_CLIENT_ID, …; see README).`;

const FORMATS = ['token', 'header', 'json', 'curl'] as const;
type Format = (typeof FORMATS)[number];

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env?: NodeJS.ProcessEnv;
}

const processIo: Io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

/** Runs the CLI; resolves to the exit code (0 ok, 1 engine error, 2 usage). */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let values: { role?: string; format?: string; fresh?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        role: { type: 'string' },
        format: { type: 'string', default: 'token' },
        fresh: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr(`okta-token: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const format = values.format as Format;
  if (!FORMATS.includes(format)) {
    io.stderr(`okta-token: unknown format '${values.format}'\n${USAGE}\n`);
    return 2;
  }
  try {
    const config = loadConfig(io.env);
    const role = values.role ?? config.defaultRole;
    const { tokens } = await acquireTokens(config, role, {
      fresh: values.fresh ?? false,
      warn: (message) => io.stderr(`${message}\n`),
    });
    io.stdout(`${render(tokens, format)}\n`);
    return 0;
  } catch (error) {
    if (isOktaError(error)) io.stderr(`okta-token: ${error.code}: ${error.message}\n`);
    else io.stderr(`okta-token: ERR_INTERNAL: ${(error as Error)?.message ?? String(error)} (a bug: please report it)\n`);
    return 1;
  }
}

function render(tokens: TokenRecord, format: Format): string {
  switch (format) {
    case 'token':
      return tokens.accessToken;
    case 'header':
      return `Authorization: Bearer ${tokens.accessToken}`;
    case 'curl':
      return `-H "Authorization: Bearer ${tokens.accessToken}"`;
    case 'json':
      // The token and what it says; never the ID or refresh token, never a password.
      return JSON.stringify({
        accessToken: tokens.accessToken,
        tokenType: tokens.tokenType,
        expiresAt: new Date(tokens.expiresAt).toISOString(),
        expiresIn: Math.max(0, Math.floor((tokens.expiresAt - Date.now()) / 1000)),
        scopes: tokens.scopes,
        subject: tokens.subject,
        username: tokens.username,
        role: tokens.role,
        issuer: tokens.issuer,
        clientId: tokens.clientId,
        claims: tokens.accessTokenClaims,
      }, null, 2);
  }
}

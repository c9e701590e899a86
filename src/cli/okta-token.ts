// okta-token: an access token for curl, Postman and scripts, from the same engine and cache as the
// Playwright fixtures. stdout carries only the requested output so `$(npx okta-token)` works; failures
// exit non-zero with `okta-token: ERR_…: <what to do>` as the first stderr line. `okta-token doctor` (cli/doctor/)
// checks a configuration step by step instead; `okta-token warm` fills the cache for every identity (what
// playwright-okta/jest's warmTokens() and tokensFor() run, since Jest cannot load the ESM engine itself).
import { parseArgs } from 'node:util';
import { acquireTokens, loadConfig, type TokenRecord } from '../engine/index.js';
import { failure, numberFlag } from './flags.js';
import { processIo, type Io } from './io.js';
import { postmanEnvironment } from './postman.js';

export type { Io } from './io.js';

export const USAGE = `usage: okta-token [--role NAME] [--format token|header|json|curl] [--fresh]
       okta-token ... [--account N] [--min-ttl S]
       okta-token --format postman [--role NAME] [--fresh]
       okta-token warm [--role NAME]... [--account N] [--min-ttl S]
       okta-token doctor [--role NAME] [--app-path PATH]
       okta-token users sweep --older-than AGE

  --role NAME      identity to use (default: OKTA_USERNAME's, else the first of OKTA_ROLES)
  --account N      account N (from 0, modulo the pool's size) of a pool (OKTA_<ROLE>_USERNAME=a,b,c); default 0
  --format FORMAT  token (default): the access token alone
                   header: Authorization: Bearer <token>
                   json: token, expiry, scopes, subject, role, issuer and claims
                   curl: -H "Authorization: Bearer <token>" (eval curl $(okta-token --format curl) URL)
                   postman: a Postman environment (accessToken, idToken, tokenType, expiresAt, issuer,
                   clientId) for Postman's import or \`newman run -e\`
  --fresh          log in again instead of using the cached tokens
  --min-ttl S      use cached tokens only with at least S seconds of life left (default 60)
  --help           this text
  warm             log every identity (every account of a pool) in once, or only --role's and --account's,
                   printing one line each and no token; exits 1 when any failed
  doctor           check the configuration against Okta step by step (okta-token doctor --help)
  users sweep      remove the test users (OKTA_<ROLE>_PROVISION) that killed runs left, created more than
                   --older-than AGE ago (okta-token users --help)

Configuration comes from the environment and .env (OKTA_ISSUER, OKTA_CLIENT_ID, …; see README).`;

const FORMATS = ['token', 'header', 'json', 'curl', 'postman'] as const;
type Format = (typeof FORMATS)[number];

/** Runs the CLI; resolves to the exit code (0 ok, 1 engine error or a doctor finding that blocks a login, 2 usage). */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  // Subcommands are loaded when asked for: the doctor and the Management API client cost a token request
  // ~0.1 s of start-up otherwise (scripts and tests call okta-token often).
  if (argv[0] === 'doctor') return (await import('./doctor/index.js')).doctor(argv.slice(1), io);
  if (argv[0] === 'warm') return (await import('./warm.js')).warm(argv.slice(1), io);
  if (argv[0] === 'users') return (await import('./users.js')).users(argv.slice(1), io);
  let values: { role?: string; account?: string; format?: string; fresh?: boolean; 'min-ttl'?: string; help?: boolean };
  let account: number | undefined;
  let minTtlSeconds: number | undefined;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        role: { type: 'string' },
        account: { type: 'string' },
        format: { type: 'string', default: 'token' },
        fresh: { type: 'boolean', default: false },
        'min-ttl': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
    account = numberFlag('--account', values.account);
    minTtlSeconds = numberFlag('--min-ttl', values['min-ttl']);
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
      ...(account === undefined ? {} : { account }),
      ...(minTtlSeconds === undefined ? {} : { minTtlSeconds }),
      warn: (message) => io.stderr(`${message}\n`),
    });
    io.stdout(`${render(tokens, format)}\n`);
    return 0;
  } catch (error) {
    io.stderr(`${failure(error)}\n`);
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
    case 'postman':
      return JSON.stringify(postmanEnvironment(tokens), null, 2);
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

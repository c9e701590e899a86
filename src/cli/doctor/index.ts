// `okta-token doctor`: checks a configuration against the issuer step by step and explains each finding in
// plain words with the fix. Exit 0 when nothing blocks a login (warnings allowed), 1 when something does,
// 2 for a usage error. Writes only to stdout, one line per check; never a password, secret or token.
import { parseArgs } from 'node:util';
import { readEnv } from '../../engine/diagnostics.js';
import { loadConfig, type Identity, type OktaConfig } from '../../engine/index.js';
import { processIo, type Io } from '../io.js';
import { checkClient } from './check-client.js';
import { checkClientAuth } from './check-client-auth.js';
import { checkService, checkUser } from './check-identity.js';
import { checkIssuer } from './check-issuer.js';
import { checkFlows, checkOrg } from './check-org.js';
import { describeError, type DoctorContext } from './context.js';
import { Report } from './report.js';

export const DEFAULT_APP_PATH = '/api/me';

export const DOCTOR_USAGE = `usage: okta-token doctor [--role NAME] [--app-path PATH]

  Checks the configuration against the issuer, step by step: discovery and the exact issuer, Classic or
  Identity Engine and the flow each identity signs in with (OKTA_LOGIN_FLOW), the client, its redirect
  URI, PKCE and client authentication, then for each identity one login by its flow (never retried):
  password, MFA, assignment (or one IDX / Direct Authentication sign-in), scopes, token validation and,
  when APP_BASE_URL is set, whether the app accepts the access token.

  --role NAME      check only this identity (default: every configured identity)
  --app-path PATH  the API path asked with the access token (default: ${DEFAULT_APP_PATH})
  --help           this text

  ✓ fine   ✗ blocks a login   ! works, but have a look   - not checked
  Exit status: 0 nothing blocks a login, 1 something does, 2 usage error.`;

export async function doctor(argv: string[], io: Io = processIo): Promise<number> {
  let values: { role?: string; 'app-path'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        role: { type: 'string' },
        'app-path': { type: 'string', default: DEFAULT_APP_PATH },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr(`okta-token doctor: ${(error as Error).message}\n${DOCTOR_USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(`${DOCTOR_USAGE}\n`);
    return 0;
  }
  const appPath = values['app-path']!;
  if (!appPath.startsWith('/')) {
    io.stderr(`okta-token doctor: --app-path must start with "/"\n${DOCTOR_USAGE}\n`);
    return 2;
  }

  const report = new Report((line) => io.stdout(`${line}\n`));
  const env = io.env ?? readEnv();
  let config: OktaConfig;
  try {
    config = loadConfig(env);
  } catch (error) {
    report.fail('configuration', describeError(error));
    return finish(report);
  }
  report.secret(config.clientSecret, config.privateKey);
  for (const identity of Object.values(config.identities)) {
    report.secret(identity.clientSecret);
    for (const account of identity.accounts) report.secret(account.password, account.totpSecret);
  }
  const identities = values.role === undefined ? Object.values(config.identities) : [config.identities[values.role]];
  if (!identities[0]) {
    report.fail('configuration', `no identity for role '${values.role}' (configured: ${config.roles.join(', ') || 'none'}). Fix: pass one of those to --role, or add it to OKTA_ROLES with OKTA_<ROLE>_USERNAME / _PASSWORD.`);
    return finish(report);
  }
  const checked = identities as Identity[];
  report.line(`okta-token doctor: ${config.issuer}, client ${config.clientId}, redirect URI ${config.redirectUri}, checking ${checked.map((i) => i.role).join(', ')}`);

  try {
    await runChecks({ config, env, report, appPath }, checked);
  } catch (error) {
    // Checks report what they expect; anything else is a bug, still reported as a line, never a stack.
    report.fail('doctor', describeError(error));
  }
  return finish(report);
}

async function runChecks(ctx: DoctorContext, checked: Identity[]): Promise<void> {
  const { report } = ctx;
  // Discovery first (everything after it needs the endpoints), then the org's engine.
  const server = await checkIssuer(ctx);
  if (server) ctx.server = server;
  ctx.org = await checkOrg(ctx);
  if (!ctx.server) {
    report.skip('clients and identities', 'not checked: every later step needs discovery.');
    return;
  }
  ctx.flows = checkFlows(ctx, checked, ctx.org);

  // Each app registration once, for the users that log in through it.
  const usable = new Map<string, boolean>();
  for (const identity of checked) {
    if (identity.kind !== 'user' || usable.has(identity.clientId)) continue;
    const client = await checkClient(ctx, identity);
    const auth = client.known ? await checkClientAuth(ctx, identity) : false;
    usable.set(identity.clientId, client.usable && auth);
  }
  for (const identity of checked) {
    if (identity.kind === 'service') await checkService(ctx, identity);
    else for (const account of identity.accounts) await checkUser(ctx, identity, account, usable.get(identity.clientId) ?? false);
  }
}

function finish(report: Report): number {
  const warnings = report.warnings ? ` (${report.warnings} warning${report.warnings === 1 ? '' : 's'})` : '';
  if (report.failures) {
    report.line(`okta-token doctor: ${report.failures} problem${report.failures === 1 ? '' : 's'} block${report.failures === 1 ? 's' : ''} a login${warnings}; fix the ✗ lines from the top.`);
    return 1;
  }
  report.line(`okta-token doctor: nothing blocks a login${warnings}.`);
  return 0;
}

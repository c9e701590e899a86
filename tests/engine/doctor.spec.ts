// `okta-token doctor`, run as `npx okta-token doctor` runs it (bin/okta-token.js, a child process), against
// a real emulator and the demo app: a healthy configuration, then each broken one the emulator can stage,
// asserting the exit code and the exact finding lines. Every run's output is scanned for secrets and JWTs.
import { readdir } from 'node:fs/promises';
import { test, expect } from '@playwright/test';
import { startDemoApp, type DemoAppHandle } from '../../demo-app/server.js';
import { startDemoStack, type DemoStack } from '../demo-app/stack.js';
import { delta, engineEnv, PASSWORD, removeDir, runCli, secretsIn, tempDir, TOTP_SECRET, type CliResult } from './support.js';

let stack: DemoStack;
let dir: string;
let issuer: string;

test.beforeAll(async () => {
  stack = await startDemoStack();
  issuer = stack.emulator.issuer;
});
test.afterAll(async () => {
  await stack.close();
});
test.beforeEach(async () => {
  stack.emulator.reset();
  dir = await tempDir('okta-doctor-');
});
test.afterEach(async () => {
  await removeDir(dir);
});

const JWT = /eyJ[\w-]*\.[\w-]*\./;

/** Two users (one with MFA) and a service, the SPA client on the stack's port, the demo app as APP_BASE_URL. */
function healthy(): Record<string, string> {
  return {
    OKTA_USERNAME: '',
    OKTA_PASSWORD: '',
    OKTA_REDIRECT_URI: stack.spaRedirectUri,
    OKTA_ROLES: 'admin,mfa,reports',
    OKTA_ADMIN_USERNAME: 'alice@example.com',
    OKTA_ADMIN_PASSWORD: PASSWORD,
    OKTA_MFA_USERNAME: 'mfa@example.com',
    OKTA_MFA_PASSWORD: PASSWORD,
    OKTA_MFA_TOTP_SECRET: TOTP_SECRET,
    OKTA_REPORTS_GRANT: 'client_credentials',
    OKTA_REPORTS_CLIENT_ID: 'demo-service',
    OKTA_REPORTS_CLIENT_SECRET: 'demo-service-secret',
    OKTA_REPORTS_SCOPES: 'demo.read demo.write',
    APP_BASE_URL: stack.appUrl,
  };
}

interface DoctorRun extends CliResult {
  lines: string[];
}

async function doctor(extra: Record<string, string> = {}, args: string[] = []): Promise<DoctorRun> {
  const run = await runCli(['doctor', ...args], engineEnv(stack.emulator, dir, { ...healthy(), ...extra }), dir);
  const output = run.stdout + run.stderr;
  expect(secretsIn(output, ['wrong-password', 'not-the-secret'])).toEqual([]);
  expect(output).not.toMatch(JWT);
  return { ...run, lines: run.stdout.split('\n').filter(Boolean) };
}

test('a healthy configuration: every check ✓, one authn per user, nothing cached, exit 0', async () => {
  const before = stack.emulator.stats();
  const run = await doctor();
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const app = `${stack.appUrl}/api/me`;
  expect(run.lines).toEqual([
    `okta-token doctor: ${issuer}, client demo-spa, redirect URI ${stack.spaRedirectUri}, checking admin, mfa, reports`,
    `✓ issuer: ${issuer} answers discovery and names itself exactly that.`,
    '✓ authorization server: custom authorization server "default": its access tokens are meant for your own APIs.',
    '✓ org: Okta Classic Engine (pipeline v1): the browserless flow (authn → sessionToken → /authorize) is native here; a password, plus TOTP where the sign-on policy asks for MFA, is all it needs.',
    '✓ admin flow: signs in through authn (sessionToken → /authorize → code), because OKTA_LOGIN_FLOW=auto and the org runs Classic Engine (pipeline v1).',
    '✓ mfa flow: signs in through authn (sessionToken → /authorize → code), because OKTA_LOGIN_FLOW=auto and the org runs Classic Engine (pipeline v1).',
    `✓ client demo-spa: exists at ${issuer}: /authorize without a sessionToken answered with the sign-in page, not the 400 error page.`,
    `✓ redirect URI (demo-spa): ${stack.spaRedirectUri} is a registered sign-in redirect URI.`,
    '✓ PKCE (demo-spa): discovery lists S256 and /authorize took the S256 code_challenge.',
    "✓ client authentication (demo-spa): the token endpoint accepts the client's authentication, none (a public client: PKCE protects the code), and refused only the doctor's made-up code, as it should.",
    '✓ admin (alice@example.com) password: accepted; Okta asked for no MFA.',
    '✓ admin (alice@example.com) assignment: assigned to demo-spa: /authorize with the sessionToken returned a code.',
    '✓ admin (alice@example.com) scopes: granted every requested scope (openid profile email).',
    `✓ admin (alice@example.com) tokens: ID and access tokens validate (signatures against the issuer's JWKS, issuer ${issuer}, audience api://default; set OKTA_AUDIENCE=api://default to enforce it).`,
    `✓ admin (alice@example.com) app: GET ${app} with the access token answered 200: the app accepts it.`,
    '✓ mfa (mfa@example.com) password: accepted; Okta asks for MFA (enrolled: push/OKTA, token:software:totp/GOOGLE).',
    '✓ mfa (mfa@example.com) MFA: answered with a TOTP code from OKTA_MFA_TOTP_SECRET.',
    '✓ mfa (mfa@example.com) assignment: assigned to demo-spa: /authorize with the sessionToken returned a code.',
    '✓ mfa (mfa@example.com) scopes: granted every requested scope (openid profile email).',
    `✓ mfa (mfa@example.com) tokens: ID and access tokens validate (signatures against the issuer's JWKS, issuer ${issuer}, audience api://default; set OKTA_AUDIENCE=api://default to enforce it).`,
    `✓ mfa (mfa@example.com) app: GET ${app} with the access token answered 200: the app accepts it.`,
    '✓ reports (client demo-service) client credentials: the token endpoint issued a token for the client.',
    '✓ reports (client demo-service) scopes: granted every requested scope (demo.read demo.write).',
    `✓ reports (client demo-service) tokens: the access token validates (signatures against the issuer's JWKS, issuer ${issuer}, audience api://default; set OKTA_AUDIENCE=api://default to enforce it).`,
    `✓ reports (client demo-service) app: GET ${app} with the access token answered 200: the app accepts it.`,
    'okta-token doctor: nothing blocks a login.',
  ]);
  const cost = delta(stack.emulator.stats(), before);
  expect(cost['POST /api/v1/authn']).toBe(2);
  const verifies = Object.entries(cost).filter(([route]) => /^POST \/api\/v1\/authn\/factors\/.+\/verify$/.test(route));
  expect(verifies.reduce((n, [, count]) => n + count, 0)).toBe(1);
  // A diagnosis, not a login: no token file is written.
  expect((await readdir(dir)).filter((f) => /^okta-.*-(user|service)-[0-9a-f]+\.json$/.test(f))).toEqual([]);
});

test('--role checks one identity; --help; usage errors exit 2', async () => {
  const one = await doctor({}, ['--role', 'admin']);
  expect(one.code).toBe(0);
  expect(one.lines[0]).toMatch(/checking admin$/);
  expect(one.lines.filter((l) => l.includes('mfa@') || l.includes('reports'))).toEqual([]);

  const help = await doctor({}, ['--help']);
  expect(help.code).toBe(0);
  expect(help.stdout).toContain('usage: okta-token doctor [--role NAME] [--app-path PATH]');
  for (const args of [['--bogus'], ['--app-path', 'api/me'], ['extra']]) {
    const bad = await doctor({}, args);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^okta-token doctor: /);
  }
  const nobody = await doctor({}, ['--role', 'nobody']);
  expect(nobody.code).toBe(1);
  expect(nobody.lines[0]).toBe("✗ configuration: no identity for role 'nobody' (configured: admin, mfa, reports). Fix: pass one of those to --role, or add it to OKTA_ROLES with OKTA_<ROLE>_USERNAME / _PASSWORD.");
});

test('OKTA_ISSUER with a trailing slash: a warning, not a blocker (the engine strips it)', async () => {
  const run = await doctor({ OKTA_ISSUER: `${issuer}/` }, ['--role', 'admin']);
  expect(run.code).toBe(0);
  expect(run.lines).toContain(`! issuer: OKTA_ISSUER ends with "/" but Okta's issuer is ${issuer}, without it. The engine strips the slash; verifiers that compare the issuer byte for byte (@okta/jwt-verifier, your API) do not. Fix: set OKTA_ISSUER=${issuer}.`);
  expect(run.lines.at(-1)).toBe('okta-token doctor: nothing blocks a login (1 warning).');
});

test('an issuer that names itself differently (another host, as with a custom URL domain) blocks everything', async () => {
  const other = issuer.replace('127.0.0.1', 'localhost');
  const run = await doctor({ OKTA_ISSUER: other });
  expect(run.code).toBe(1);
  expect(run.lines.slice(1)).toEqual([
    `✗ issuer: discovery at ${other} says its issuer is ${issuer}: another host (${new URL(issuer).host}): the authorization server issues tokens under a custom URL domain or under its okta.com name, and OKTA_ISSUER must use the same one. Tokens carry ${issuer}, so the engine and every verifier refuse them. Fix: set OKTA_ISSUER=${issuer}.`,
    expect.stringMatching(/^✓ org: Okta Classic Engine/) as unknown as string,
    '- clients and identities: not checked: every later step needs discovery.',
    'okta-token doctor: 1 problem blocks a login; fix the ✗ lines from the top.',
  ]);
});

test('no authorization server at OKTA_ISSUER (404) and the org server get their own findings', async () => {
  const missing = `${stack.emulator.orgUrl}/oauth2/nope`;
  const run = await doctor({ OKTA_ISSUER: missing });
  expect(run.code).toBe(1);
  expect(run.lines).toContain(`✗ issuer: ${missing}/.well-known/openid-configuration answers HTTP 404: no authorization server answers at OKTA_ISSUER. Fix: use the issuer shown in Admin Console → Security → API → Authorization Servers.`);

  const org = await doctor({ OKTA_ISSUER: stack.emulator.orgUrl }, ['--role', 'admin']);
  expect(org.lines).toContain(`! authorization server: ${stack.emulator.orgUrl} is the org authorization server: its access tokens are for Okta's own APIs and your API cannot validate them (only the ID token is yours). Fix: use a custom authorization server (e.g. OKTA_ISSUER=${stack.emulator.orgUrl}/oauth2/default) unless you only need the ID token.`);
});

test('an unknown client: Okta\'s 400 page, later steps not checked, the password still tried once', async () => {
  const before = stack.emulator.stats();
  const run = await doctor({ OKTA_CLIENT_ID: 'no-such-client' }, ['--role', 'admin']);
  expect(run.code).toBe(1);
  expect(run.lines.slice(5)).toEqual([
    `✗ client no-such-client: Okta does not know client_id no-such-client at ${issuer} (its 400 page: "Invalid value for 'client_id'"). Fix: copy the Client ID from the app's General tab into OKTA_CLIENT_ID, and check that OKTA_ISSUER is the org (and authorization server) the app lives in.`,
    '- redirect URI (no-such-client): not checked: needs a known client.',
    '- PKCE (no-such-client): not checked: needs a known client.',
    '✓ admin (alice@example.com) password: accepted; Okta asked for no MFA.',
    '- admin (alice@example.com): assignment, scopes, tokens and app not checked: the problems with client no-such-client above come first.',
    'okta-token doctor: 1 problem blocks a login; fix the ✗ lines from the top.',
  ]);
  expect(delta(stack.emulator.stats(), before)['POST /api/v1/authn']).toBe(1);
});

test('an unregistered redirect URI', async () => {
  const wrong = `${stack.appUrl}/elsewhere`;
  const run = await doctor({ OKTA_REDIRECT_URI: wrong }, ['--role', 'admin']);
  expect(run.code).toBe(1);
  expect(run.lines).toContain(`✗ redirect URI (demo-spa): ${wrong} is not a sign-in redirect URI of demo-spa (Okta's 400 page: "The 'redirect_uri' parameter must be a Login redirect URI"). Fix: add it, byte for byte, to the app's Sign-in redirect URIs, or set OKTA_REDIRECT_URI to one that is listed there.`);
  expect(run.lines).toContain('- PKCE (demo-spa): not checked: needs a registered redirect URI.');
});

test('client authentication: a confidential app without its secret, with a wrong one, and with the right one', async () => {
  const web = { OKTA_CLIENT_ID: 'demo-web', OKTA_REDIRECT_URI: `${stack.appUrl}/authorization-code/callback` };
  const none = await doctor(web, ['--role', 'admin']);
  expect(none.code).toBe(1);
  expect(none.lines).toContain('✗ client authentication (demo-web): the token endpoint wants client authentication from demo-web (invalid_client without a secret): the app is confidential. Fix: set OKTA_CLIENT_SECRET (or OKTA_PRIVATE_KEY for private_key_jwt), or make the app a public client (Single-Page App, PKCE).');

  const wrong = await doctor({ ...web, OKTA_CLIENT_SECRET: 'not-the-secret' }, ['--role', 'admin']);
  expect(wrong.code).toBe(1);
  expect(wrong.lines).toContain("✗ client authentication (demo-web): the token endpoint refused demo-web's client_secret_basic credentials (invalid_client). Fix: copy the client secret from the app's General tab into OKTA_CLIENT_SECRET (or fix OKTA_PRIVATE_KEY), and set OKTA_CLIENT_AUTH_METHOD if the app uses another method than client_secret_basic.");

  const right = await doctor({ ...web, OKTA_CLIENT_SECRET: 'demo-web-secret', OKTA_CLIENT_AUTH_METHOD: 'client_secret_post' }, ['--role', 'admin']);
  expect(right.code).toBe(0);
  expect(right.lines).toContain("✓ client authentication (demo-web): the token endpoint accepts the client's authentication, client_secret_post, and refused only the doctor's made-up code, as it should.");
});

test('a bad password: one authn, never retried, and the steps after it not checked', async () => {
  const before = stack.emulator.stats();
  const run = await doctor({ OKTA_ADMIN_PASSWORD: 'wrong-password' }, ['--role', 'admin']);
  expect(run.code).toBe(1);
  expect(run.lines.slice(-3)).toEqual([
    '✗ admin (alice@example.com) password: Okta rejected the credentials of alice@example.com (401 E0000004 Authentication failed). Check OKTA_ADMIN_USERNAME and OKTA_ADMIN_PASSWORD; a locked-out user gets the same answer unless the org shows lockouts. Not retried: repeated failures lock accounts. (ERR_AUTHN_FAILED)',
    '- admin (alice@example.com): assignment, scopes, tokens and app not checked: the login stops at the step above.',
    'okta-token doctor: 1 problem blocks a login; fix the ✗ lines from the top.',
  ]);
  expect(delta(stack.emulator.stats(), before)['POST /api/v1/authn']).toBe(1);
});

test('MFA asked but no TOTP secret configured', async () => {
  const run = await doctor({ OKTA_MFA_TOTP_SECRET: '' }, ['--role', 'mfa']);
  expect(run.code).toBe(1);
  expect(run.lines).toContain('✓ mfa (mfa@example.com) password: accepted; Okta asks for MFA (enrolled: push/OKTA, token:software:totp/GOOGLE).');
  expect(run.lines).toContain('✗ mfa (mfa@example.com) MFA: OKTA_MFA_TOTP_SECRET is not set, so the login cannot answer the MFA challenge. Fix: set OKTA_MFA_TOTP_SECRET to the secret key of the user\'s TOTP factor (shown when it was enrolled), or exempt test users from MFA in the sign-on policy.');
});

test('a user not assigned to the app', async () => {
  const run = await doctor({ OKTA_ADMIN_USERNAME: 'unassigned@example.com' }, ['--role', 'admin']);
  expect(run.code).toBe(1);
  expect(run.lines).toContain('✗ admin (unassigned@example.com) assignment: not assigned to demo-spa (/authorize answered access_denied: "User is not assigned to the client application."). Fix: assign the user, or a group of theirs, to the app in Admin Console → Applications → the app → Assignments.');
});

test('the sign-in page instead of a code (Identity Engine answers 200): the client check still passes', async () => {
  stack.emulator.setScenario({ engine: 'identity-engine' });
  const run = await doctor({}, ['--role', 'admin']);
  expect(run.code).toBe(0);
  expect(run.lines).toContain(`✓ client demo-spa: exists at ${issuer}: /authorize without a sessionToken answered with the sign-in page, not the 400 error page.`);
  expect(run.lines.find((line) => line.startsWith('✓ org: '))).toMatch(/^✓ org: Okta Identity Engine \(pipeline idx\)/);
});

test('a wrong OKTA_AUDIENCE: the access token names its real audience', async () => {
  const run = await doctor({ OKTA_AUDIENCE: 'api://other' }, ['--role', 'admin']);
  expect(run.code).toBe(1);
  expect(run.lines).toContain('✗ admin (alice@example.com) tokens: the access token\'s audience is api://default, not OKTA_AUDIENCE (api://other). Fix: set OKTA_AUDIENCE=api://default, or point OKTA_ISSUER at the authorization server whose audience is api://other.');
  expect(run.lines).toContain('- admin (alice@example.com) app: not checked: the tokens did not validate.');
});

test('tokens that fail validation (bad signature) are a blocker', async () => {
  stack.emulator.setScenario({ tamper: 'signature' });
  const run = await doctor({}, ['--role', 'admin']);
  expect(run.code).toBe(1);
  expect(run.lines.find((l) => l.startsWith('✗ admin (alice@example.com) tokens: '))).toMatch(/signature does not verify.*\(ERR_TOKEN_INVALID\)$/);
});

test('the app: rejects the token (401), accepts it but forbids the path (403), has no such route (404)', async () => {
  // The same demo app, but trusting another audience: it refuses the issuer's api://default tokens.
  let picky: DemoAppHandle | undefined;
  try {
    picky = await startDemoApp({ port: 0, issuer, audience: 'api://elsewhere' });
    const pickyUrl = `http://localhost:${picky.port}`;
    const rejected = await doctor({ APP_BASE_URL: pickyUrl }, ['--role', 'admin']);
    expect(rejected.code).toBe(1);
    const line = rejected.lines.find((l) => l.startsWith('✗ admin (alice@example.com) app: '));
    expect(line).toMatch(new RegExp(`^✗ admin \\(alice@example.com\\) app: GET ${pickyUrl}/api/me with the access token answered 401 \\(".*"\\): the app does not accept the token\\. Fix: configure the app to trust issuer ${issuer} \\(exactly as OKTA_ISSUER\\), or point OKTA_ISSUER / OKTA_AUDIENCE at what the app trusts\\.$`));
  } finally {
    await picky?.close();
  }

  const forbidden = await doctor({ OKTA_ADMIN_USERNAME: 'bob@example.com' }, ['--role', 'admin', '--app-path', '/api/admin/report']);
  expect(forbidden.code).toBe(0);
  expect(forbidden.lines).toContain(`✓ admin (bob@example.com) app: GET ${stack.appUrl}/api/admin/report answered 403: the app accepts the token but this identity may not use that path (a group or scope rule of the app's).`);

  const missing = await doctor({}, ['--role', 'admin', '--app-path', '/api/nothing-here']);
  expect(missing.code).toBe(0);
  expect(missing.lines).toContain(`! admin (alice@example.com) app: GET ${stack.appUrl}/api/nothing-here answered 404: no such route. Fix: pass --app-path with a path of your API that needs a token.`);
});

test('without APP_BASE_URL the app check is skipped, not failed', async () => {
  const run = await doctor({ APP_BASE_URL: '' }, ['--role', 'admin']);
  expect(run.code).toBe(0);
  expect(run.lines).toContain('- admin (alice@example.com) app: not checked: APP_BASE_URL is unset.');
});

test('an issuer that does not answer: discovery ✗, the org not asked, nothing else tried', async () => {
  const run = await doctor({ OKTA_ISSUER: 'http://127.0.0.1:1/oauth2/default' });
  expect(run.code).toBe(1);
  expect(run.lines[1]).toMatch(/^✗ issuer: http:\/\/127\.0\.0\.1:1\/oauth2\/default did not answer discovery: .*connection failed/);
  expect(run.lines.slice(2)).toEqual([
    '- org: not checked: http://127.0.0.1:1 does not answer.',
    '- clients and identities: not checked: every later step needs discovery.',
    'okta-token doctor: 1 problem blocks a login; fix the ✗ lines from the top.',
  ]);
});

// Identity Engine (issue 12): the flow each identity uses and why, checked by signing in that way. The
// stack's demo-spa has no Interaction Code grant (like many apps of upgraded orgs); demo-direct has it.
const IDX_CLIENT = { OKTA_CLIENT_ID: 'demo-direct', OKTA_REDIRECT_URI: 'http://localhost:3000/login/callback' };

test('Identity Engine with OKTA_LOGIN_FLOW=auto: both users sign in through IDX, no authn, exit 0', async () => {
  stack.emulator.setScenario({ engine: 'identity-engine' });
  const before = stack.emulator.stats();
  const run = await doctor(IDX_CLIENT);
  expect(run.code, run.stdout).toBe(0);
  const because = 'because OKTA_LOGIN_FLOW=auto and the org runs Identity Engine (pipeline idx).';
  expect(run.lines).toContain(`✓ admin flow: signs in through IDX (interact → identify → interaction code), ${because}`);
  expect(run.lines).toContain(`✓ mfa flow: signs in through IDX (interact → identify → interaction code), ${because}`);
  expect(run.lines).toContain("✓ admin (alice@example.com) IDX sign-in: signed in and assigned to demo-direct: the password satisfied the app's policy.");
  expect(run.lines.filter((l) => l.startsWith('✓ mfa (mfa@example.com) IDX') || l.startsWith('✗ mfa'))).toEqual(["✓ mfa (mfa@example.com) IDX sign-in: signed in and assigned to demo-direct: the password and a TOTP code from OKTA_MFA_TOTP_SECRET satisfied the app's policy."]);
  expect(run.lines.filter((l) => /^✓ (admin|mfa) \(.*\) tokens: ID and access tokens validate/.test(l))).toHaveLength(2);
  expect(delta(stack.emulator.stats(), before)['POST /api/v1/authn']).toBeUndefined();
  const issued = Object.values(stack.emulator.audit().issued).flat().filter((v) => v.length >= 8);
  expect(secretsIn(run.stdout + run.stderr, issued)).toEqual([]);
});

test('Identity Engine, auto, an app without the Interaction Code grant: a warning, then the authn path checked as the engine falls back to it', async () => {
  stack.emulator.setScenario({ engine: 'identity-engine' });
  const run = await doctor({}, ['--role', 'admin']);
  expect(run.code).toBe(0);
  expect(run.lines).toContain("! admin (alice@example.com) IDX sign-in: demo-spa has no Interaction Code grant, so the login falls back to authn (checked below). Fix: if the app's authentication policy wants more than a password, enable the Interaction Code grant on the app and in the authorization server's access policy rule.");
  expect(run.lines).toContain('✓ admin (alice@example.com) assignment: assigned to demo-spa: /authorize with the sessionToken returned a code.');
});

test("Identity Engine, OKTA_LOGIN_FLOW=authn and an app policy of password + TOTP: the sessionToken path's blocker, and how to enable IDX", async () => {
  stack.emulator.setScenario({ engine: 'identity-engine', appPolicies: { 'demo-spa': 'password+totp' } });
  const run = await doctor({ OKTA_LOGIN_FLOW: 'authn' }, ['--role', 'admin']);
  expect(run.code).toBe(1);
  expect(run.lines).toContain('✓ admin flow: signs in through authn (sessionToken → /authorize → code), because OKTA_LOGIN_FLOW=authn.');
  const line = run.lines.find((l) => l.startsWith('✗ admin (alice@example.com) assignment: '));
  expect(line).toContain("This org runs Identity Engine: the app's authentication policy asks for more than authn proved");
  expect(line).toContain('enable the Interaction Code grant on the app');
  expect(line).toContain('OKTA_LOGIN_FLOW=idx');
});

test('Identity Engine, a policy the user cannot satisfy through IDX: the IDX sign-in is the blocker, with its code', async () => {
  stack.emulator.setScenario({ engine: 'identity-engine', appPolicies: { 'demo-direct': 'password+any' } });
  const run = await doctor(IDX_CLIENT, ['--role', 'admin']);
  expect(run.code).toBe(1);
  expect(run.lines.find((l) => l.startsWith('✗ admin (alice@example.com) IDX sign-in: '))).toMatch(/enrol a TOTP factor \(Google Authenticator\).*\(ERR_MFA_UNSATISFIABLE\)$/);
  expect(run.lines).toContain('- admin (alice@example.com): the remaining steps not checked: the login stops at the step above.');
});

test('OKTA_LOGIN_FLOW=idx on a Classic org: a warning on the flow, and the IDX sign-in names what to enable', async () => {
  const run = await doctor({ ...IDX_CLIENT, OKTA_LOGIN_FLOW: 'idx' }, ['--role', 'admin']);
  expect(run.code).toBe(1);
  expect(run.lines).toContain('! admin flow: signs in through IDX (interact → identify → interaction code), because OKTA_LOGIN_FLOW=idx. IDX exists only on Identity Engine orgs. Fix: set OKTA_LOGIN_FLOW=auto (or authn).');
  expect(run.lines.find((l) => l.startsWith('✗ admin (alice@example.com) IDX sign-in: '))).toMatch(/Interaction Code.*\(ERR_IDX_NOT_ENABLED\)$/);
});

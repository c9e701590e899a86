// Malformed answers served by the emulator (raw-answer faults), generated from a fixed seed: authn bodies,
// /authorize Location headers and form_post pages. Whatever comes back, the engine ends in a coded
// OktaError: no crash, no other exception, no unhandled rejection, nothing cached. 5xx and 429 are left to
// faults.spec.ts (they are retried, with waits); every case here is answered at once.
import { readdir } from 'node:fs/promises';
import { test, expect } from '@playwright/test';
import { startEmulator, type EmulatorHandle, type Fault } from '../../src/emulator/index.js';
import { acquireTokens, isOktaError, loadConfig, type OktaConfig } from '../../src/engine/index.js';
import { engineEnv, errorText, removeDir, ROUTES, secretsIn, tempDir } from './support.js';

const SEED = 0x5eed_0005;
const CASES_PER_TARGET = 120;
const REDIRECT = 'http://localhost:3000/login/callback';

// mulberry32: small, deterministic, good enough to pick among shapes.
function generator(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const latin1 = (length: number) => Array.from({ length }, () => String.fromCharCode(pick([0x09, 0x20 + int(0x5f), 0xa0 + int(0x60)]))).join('');
  const word = () => pick(['', 'x', 'SUCCESS', 'MFA_REQUIRED', '%zz', '%00', '<script>', '&#x110000;', '\u00e9', 'a'.repeat(1 + int(3000)), latin1(1 + int(40))]);
  const json = (depth = 0): unknown => {
    switch (int(depth > 2 ? 4 : 7)) {
      case 0: return null;
      case 1: return int(2) === 0 ? int(1e9) : -next();
      case 2: return word();
      case 3: return int(2) === 0;
      case 4: return Array.from({ length: int(4) }, () => json(depth + 1));
      default: return Object.fromEntries(Array.from({ length: int(5) }, () => [pick(['status', 'sessionToken', 'stateToken', '_embedded', 'factors', 'user', 'id', 'factorType', '_links', 'verify', 'href', word()]), json(depth + 1)]));
    }
  };
  return { next, int, pick, latin1, word, json };
}

type Gen = ReturnType<typeof generator>;

// Authn: statuses Okta uses, bodies from nearly right to nonsense. MFA bodies exercise the factor parser
// and the verify link (which must never leave the org).
function authnCase(g: Gen): Omit<Fault, 'route'> {
  const status = g.pick([200, 200, 200, 400, 401, 403, 404]);
  const factor = () => ({
    id: g.pick(['uftotp', g.word(), 42]),
    factorType: g.pick(['token:software:totp', 'push', g.word()]),
    provider: g.pick(['OKTA', 'GOOGLE', undefined, 7]),
    _links: g.pick([undefined, { verify: { href: g.pick(['/api/v1/authn/factors/x/verify', 'https://evil.example.com/verify', 'javascript:alert(1)', 'http://[::1', '//evil.example.com/v', g.word()]) } }, g.json()]),
  });
  const body = g.pick([
    () => JSON.stringify(g.json()),
    () => JSON.stringify({ status: g.pick(['SUCCESS', 'MFA_REQUIRED', 'LOCKED_OUT', 'PASSWORD_EXPIRED', 'MFA_ENROLL', 'RECOVERY', g.word()]), sessionToken: g.pick([undefined, 42, g.word()]), stateToken: g.pick([undefined, g.word()]), _embedded: g.pick([undefined, g.json(), { user: g.json(), factors: g.pick([g.json(), [factor(), factor()]]) }]) }),
    () => JSON.stringify({ status: 'MFA_REQUIRED', stateToken: 'st' + g.word(), _embedded: { factors: Array.from({ length: g.int(4) }, factor) } }),
    () => JSON.stringify(g.json()).slice(0, g.int(40)),
    () => g.latin1(g.int(200)),
    () => '',
  ])();
  return { status, body, headers: { 'Content-Type': g.pick(['application/json', 'application/json;charset=UTF-8', 'text/html', 'text/plain']) } };
}

// /authorize with a redirect: Locations near the real one (wrong state, no code, error params, fragments,
// duplicated or broken escapes), elsewhere (other origins, the sign-in page, Okta itself), or not URLs.
function locationCase(g: Gen, issuer: string): Omit<Fault, 'route'> {
  const query = () => Array.from({ length: g.int(5) }, () => `${g.pick(['code', 'state', 'error', 'error_description', 'iss', g.word()])}=${encodeURIComponent(g.word()).slice(0, 200)}`).join('&');
  const location = g.pick([
    () => `${REDIRECT}?${query()}`,
    () => `${REDIRECT}#${query()}`,
    () => `${REDIRECT}?code=abc&state=${g.pick(['', 'wrong', '%zz'])}`,
    () => `${REDIRECT}?error=${g.pick(['access_denied', 'login_required', g.word()])}&error_description=${encodeURIComponent(g.word()).slice(0, 300)}`,
    () => `${g.pick(['https://evil.example.com', 'http://localhost:3001', 'javascript:', 'data:text/html,', ''])}/login/callback?${query()}`,
    () => `${issuer}/v1/authorize?${query()}`,
    () => `/login/login.htm?fromURI=${g.word()}`,
    () => g.pick(['http://[::1', 'http://%zz', '://', 'http://a b', g.latin1(g.int(60))]),
  ])();
  const headers: Record<string, string> = { Location: location };
  if (g.int(4) === 0) delete headers.Location;
  return { status: g.pick([301, 302, 302, 302, 303, 307]), headers, body: g.pick(['', '<html>moved</html>']) };
}

// form_post: one or more forms, actions near the redirect URI or not, inputs with odd quoting and entities.
function formPostCase(g: Gen): Omit<Fault, 'route'> {
  const attr = (name: string, value: string) => g.pick([`${name}="${value}"`, `${name}='${value}'`, `${name}=${value.replace(/\s/g, '')}`, `${name.toUpperCase()} = "${value}"`, '']);
  const input = () => `<input type="hidden" ${attr('name', g.pick(['code', 'state', 'error', 'error_description', g.word().slice(0, 20)]))} ${attr('value', g.pick(['abc', '', '&#x110000;', '&#99999999999;', '&amp;&lt;&gt;&quot;', '&#0;', '&bogus;', g.word().slice(0, 100)]))}${g.pick(['>', '/>', ''])}`;
  const form = () => `<form method="post" ${attr('action', g.pick([REDIRECT, REDIRECT.toUpperCase(), `${REDIRECT}?x=1`, 'http://[::1', 'https://evil.example.com/login/callback', '&#104;ttp://localhost:3000/login/callback', g.word().slice(0, 50)]))}>${Array.from({ length: g.int(5) }, input).join('\n')}${g.pick(['</form>', ''])}`;
  const body = g.pick([
    () => `<html><body onload="document.forms[0].submit()">${Array.from({ length: 1 + g.int(3) }, form).join('')}</body></html>`,
    () => `<form action="${REDIRECT}">`.repeat(g.int(50)),
    () => g.latin1(g.int(500)),
    () => '',
  ])();
  return { status: g.pick([200, 200, 200, 400]), body, headers: { 'Content-Type': 'text/html;charset=UTF-8' } };
}

let emulator: EmulatorHandle;
let dir: string;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

test.beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  process.on('unhandledRejection', onUnhandled);
});
test.afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await emulator.close();
});
test.beforeEach(async () => {
  emulator.reset();
  unhandled.length = 0;
  dir = await tempDir('okta-fuzz-');
});
test.afterEach(async () => {
  await removeDir(dir);
});

const TARGETS: Array<{ name: string; route: string; env: Record<string, string>; make: (g: Gen) => Omit<Fault, 'route'> }> = [
  { name: 'authn bodies', route: ROUTES.authn, env: { OKTA_TOTP_SECRET: 'JBSWY3DPEHPK3PXP' }, make: (g: Gen) => authnCase(g) },
  { name: '/authorize Location headers', route: ROUTES.authorize, env: {}, make: (g: Gen) => locationCase(g, emulator.issuer) },
  { name: 'form_post pages', route: ROUTES.authorize, env: { OKTA_RESPONSE_MODE: 'form_post' }, make: (g: Gen) => formPostCase(g) },
];

for (const [index, target] of TARGETS.entries()) {
  test(`${CASES_PER_TARGET} malformed ${target.name} (seed ${SEED.toString(16)}): only coded errors, nothing cached`, async () => {
    test.setTimeout(90_000);
    const g = generator(SEED + index);
    const config: OktaConfig = loadConfig(engineEnv(emulator, dir, target.env));
    const codes: Record<string, number> = {};
    for (let n = 0; n < CASES_PER_TARGET; n++) {
      const fault = target.make(g);
      // Three times: whatever the engine decides to retry sees the same answer.
      emulator.addFault({ route: target.route, times: 3, ...fault });
      const outcome = await acquireTokens(config, 'default', { fresh: true, warn: () => {} }).then(
        () => 'tokens',
        (error: unknown) => error,
      );
      emulator.clearFaults();
      const label = `case ${n}: ${JSON.stringify(fault).slice(0, 300)}`;
      expect(isOktaError(outcome), `${label}\n${errorText(outcome)}`).toBe(true);
      if (isOktaError(outcome)) {
        codes[outcome.code] = (codes[outcome.code] ?? 0) + 1;
        expect(secretsIn(errorText(outcome)), label).toEqual([]);
      }
      const files = await readdir(dir);
      expect(files.filter((f) => /^okta-.*\.json$/.test(f)), label).toEqual([]);
      // A sticky failure (a malformed "authn failed") is remembered, and so is the TOTP step spent (the next
      // login would wait for a new code); forget both so that every case runs, at once.
      for (const f of files.filter((name) => name.endsWith('.failed') || name.endsWith('.totp'))) await removeDir(`${dir}/${f}`);
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled).toEqual([]);
    console.log(`fuzz ${target.name}: ${JSON.stringify(codes)}`);
    expect(Object.values(codes).reduce((a, b) => a + b, 0)).toBe(CASES_PER_TARGET);
  });
}

// Measure: one cold login through each flow, side by side (issue 12): authn (sessionToken → /authorize →
// code), IDX (interact → … → interaction code) and Direct Authentication (password and mfa-otp grants), for
// a password-only user and a TOTP user, on one Identity Engine emulator and one client that allows all
// three (demo-direct). Each sample is a fresh cache directory (discovery and JWKS fetched too) and a fresh
// user, so no login waits for a new TOTP code; rounds are interleaved, each in a rotated flow order, so the
// machine's noise falls on all flows alike. Requests are counted from the emulator's stats: all of them,
// and the login's own (without discovery and JWKS, what a later run with those cached pays).
//   npm run bench -- --only flows      or      npx tsx bench/login-flows.ts
import { performance } from 'node:perf_hooks';
import { startEmulator } from '../src/emulator/index.js';
import { acquireTokens, loadConfig } from '../src/engine/index.js';
import { PASSWORD, tempDir, tempDirs } from './env.js';
import { progress } from './log.js';
import { median, round } from './stats.js';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const FLOWS = ['authn', 'idx', 'direct'] as const;
type Flow = (typeof FLOWS)[number];
const KINDS = ['password', 'totp'] as const;
type Kind = (typeof KINDS)[number];
const TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
const DISCOVERY = /\/\.well-known\/|\/v1\/keys$/;

export interface FlowSample {
  ms: number;
  /** Every request of the cold login, by "METHOD /path". */
  requests: Record<string, number>;
}

export interface LoginFlowsResult {
  rounds: number;
  /** flow → user kind → medians and one sample's requests. */
  flows: Record<Flow, Record<Kind, { medianMs: number; requests: number; loginRequests: number; byRoute: Record<string, number> }>>;
  samples: Record<Flow, Record<Kind, number[]>>;
}

export async function measureLoginFlows(rounds: number): Promise<LoginFlowsResult> {
  // A fresh user per sample: Okta accepts each TOTP code once per user, so a user signs in once per 30 s.
  const users = Array.from({ length: (rounds + 1) * FLOWS.length * KINDS.length }, (_, i) => [
    { login: `bench-pw-${i}@example.com`, password: PASSWORD, firstName: 'Bench', lastName: `Pw${i}`, groups: ['Test Users'] },
    { login: `bench-totp-${i}@example.com`, password: PASSWORD, firstName: 'Bench', lastName: `Totp${i}`, totpSecret: TOTP_SECRET, groups: ['Test Users'] },
  ]).flat();
  const emulator = await startEmulator({ port: 0, seed: { users }, scenario: { engine: 'identity-engine' } });
  progress(`login flows: emulator ${emulator.issuer} (Identity Engine), client demo-direct, ${rounds} rounds + 1 warm-up`);
  let next = 0;
  const once = async (flow: Flow, kind: Kind): Promise<FlowSample> => {
    const n = next++;
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      OKTA_ISSUER: emulator.issuer,
      OKTA_CLIENT_ID: 'demo-direct',
      OKTA_REDIRECT_URI: 'http://localhost:3000/login/callback',
      OKTA_LOGIN_FLOW: flow,
      OKTA_USERNAME: `bench-${kind === 'totp' ? 'totp' : 'pw'}-${n}@example.com`,
      OKTA_PASSWORD: PASSWORD,
      OKTA_CACHE_DIR: await tempDir('flows'),
      ...(kind === 'totp' ? { OKTA_TOTP_SECRET: TOTP_SECRET } : {}),
    };
    const before = emulator.stats();
    const started = performance.now();
    const { source } = await acquireTokens(loadConfig(env), 'default');
    const ms = performance.now() - started;
    if (source !== 'login') throw new Error(`bench: ${flow} did not log in (${source})`);
    return { ms, requests: delta(emulator.stats(), before) };
  };

  const samples = Object.fromEntries(FLOWS.map((f) => [f, { password: [] as FlowSample[], totp: [] as FlowSample[] }])) as Record<Flow, Record<Kind, FlowSample[]>>;
  try {
    for (let r = 0; r <= rounds; r++) {
      const order = [...FLOWS.slice(r % FLOWS.length), ...FLOWS.slice(0, r % FLOWS.length)];
      for (const flow of order) {
        for (const kind of KINDS) {
          const sample = await once(flow, kind);
          if (r > 0) samples[flow][kind].push(sample);
        }
      }
      if (r > 0) progress(`login flows: round ${r}/${rounds}`);
    }
  } finally {
    await emulator.close();
    await Promise.all(tempDirs().map((dir) => rm(dir, { recursive: true, force: true })));
  }

  const flows = {} as LoginFlowsResult['flows'];
  const times = {} as LoginFlowsResult['samples'];
  for (const flow of FLOWS) {
    flows[flow] = {} as LoginFlowsResult['flows'][Flow];
    times[flow] = {} as Record<Kind, number[]>;
    for (const kind of KINDS) {
      const list = samples[flow][kind];
      const byRoute = list[0]!.requests;
      const total = (requests: Record<string, number>, own: boolean) =>
        Object.entries(requests).filter(([route]) => !own || !DISCOVERY.test(route)).reduce((sum, [, count]) => sum + count, 0);
      // Every sample of a flow must cost the same: a login that asked more once is a finding, not noise.
      for (const s of list) if (total(s.requests, false) !== total(byRoute, false)) throw new Error(`bench: ${flow}/${kind} logins made different request counts`);
      flows[flow][kind] = { medianMs: round(median(list.map((s) => s.ms)), 1), requests: total(byRoute, false), loginRequests: total(byRoute, true), byRoute };
      times[flow][kind] = list.map((s) => round(s.ms, 1));
    }
  }
  return { rounds, flows, samples: times };
}

function delta(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [route, count] of Object.entries(after)) if (count - (before[route] ?? 0)) out[route] = count - (before[route] ?? 0);
  return out;
}

/** A table for the console: flow, user, median ms, requests (all / the login's own). */
export function flowsTable(result: LoginFlowsResult): string {
  const lines = ['| flow | user | median ms (cold cache) | requests (all) | requests (login only: discovery and JWKS cached) |', '|---|---|---|---|---|'];
  for (const flow of FLOWS) {
    for (const kind of KINDS) {
      const f = result.flows[flow][kind];
      lines.push(`| ${flow} | ${kind === 'totp' ? 'password + TOTP' : 'password'} | ${f.medianMs} | ${f.requests} | ${f.loginRequests} |`);
    }
  }
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rounds = Number(process.env.BENCH_FLOW_ROUNDS ?? 8);
  const result = await measureLoginFlows(Number.isInteger(rounds) && rounds > 0 ? rounds : 8);
  console.log(flowsTable(result));
  console.log(JSON.stringify(result.flows, null, 2));
}

// The shape of bench/results.json, and the goals of issue 6 judged against the figures.
import type { ColdLoginResult } from './cold-login.js';
import type { FixtureOverheadResult } from './fixture-overhead.js';
import type { LoginsPerRunResult } from './logins-per-run.js';
import type { Machine } from './machine.js';
import type { PerRunResult } from './per-run.js';
import { ratio } from './stats.js';
import type { SuiteTimeResult } from './suite-time.js';

export interface Goal {
  what: string;
  value: string;
  goal: string;
  met: boolean;
}

export interface BenchResults {
  command: string;
  machine: Machine;
  /** How long the whole bench took, s. */
  benchSeconds: number;
  identities: number;
  coldLogin: ColdLoginResult;
  uiOverHeadless: number;
  headlessOverFloor: number;
  /** The server-session pair: /profile's sign-in in Chromium over the engine + the headless app login. */
  uiServerSessionOverHeadlessServerSession: number;
  /** The engine's cold tokens when discovery and JWKS are already cached, over the floor. */
  headlessKnownIssuerOverFloor: number;
  /** Authn requests per cold run by worker count, with the documented global setup. */
  loginsPerRun: Record<string, number>;
  /** The same without global setup (fixtures log in on first use; workers race for the lock). */
  loginsPerRunWithoutGlobalSetup: Record<string, number>;
  warmRunLogins: number;
  loginsDetail: LoginsPerRunResult;
  fixtureOverheadMsPerTest: number;
  fixtureOverhead: FixtureOverheadResult;
  suiteTime: SuiteTimeResult;
  /** Issue 10: whole runs of 40 API tests against plain Playwright, the peer and the UI recipes. */
  perRun: PerRunResult;
  goals: Goal[];
}

export interface Measured {
  command: string;
  machine: Machine;
  benchSeconds: number;
  coldLogin: ColdLoginResult;
  logins: LoginsPerRunResult;
  overhead: FixtureOverheadResult;
  suiteTime: SuiteTimeResult;
  perRun: PerRunResult;
}

export function buildResults(m: Measured): BenchResults {
  const uiOverHeadless = ratio(m.coldLogin.uiMs, m.coldLogin.headlessMs);
  const headlessOverFloor = ratio(m.coldLogin.headlessMs, m.coldLogin.floorMs);
  const identities = m.logins.identities;
  const everyCount = (counts: Record<string, number>) => Object.values(counts).every((n) => n === identities);
  const listed = (counts: Record<string, number>) => Object.entries(counts).map(([workers, n]) => `${workers}w: ${n}`).join(', ');
  const goals: Goal[] = [
    { what: 'Cold login, UI over headless', value: `${uiOverHeadless}×`, goal: '≥ 25×', met: uiOverHeadless >= 25 },
    { what: 'Cold login, headless over the 3-request floor', value: `${headlessOverFloor}×`, goal: '≤ 2×', met: headlessOverFloor <= 2 },
    { what: 'Logins per cold run (global setup), 1/2/4/8 workers', value: listed(m.logins.withGlobalSetup), goal: `${identities} each`, met: everyCount(m.logins.withGlobalSetup) },
    { what: 'Logins per cold run (no global setup), 1/2/4/8 workers', value: listed(m.logins.withoutGlobalSetup), goal: `${identities} each`, met: everyCount(m.logins.withoutGlobalSetup) },
    { what: 'Logins in a warm second run', value: String(m.logins.warmRunLogins), goal: '0', met: m.logins.warmRunLogins === 0 },
    { what: 'Fixture overhead per test (median of runs)', value: `${m.overhead.msPerTest} ms (runs: ${m.overhead.rangeMs[0]} to ${m.overhead.rangeMs[1]})`, goal: '< 1 ms', met: m.overhead.msPerTest < 1 },
    { what: 'Per-run cost over plain Playwright, worst cell (1/2/4/8 workers, 1 and 3 roles, cold and warm)', value: `${signedMs(m.perRun.oursOverPlainMaxMs)}`, goal: '≤ +200 ms', met: m.perRun.oursOverPlainMaxMs <= 200 },
    { what: 'Ours over the peer (auth-session), worst cell', value: `${signedMs(m.perRun.oursOverPeerMaxMs)}`, goal: '≤ 0 ms', met: m.perRun.oursOverPeerMaxMs <= 0 },
  ];
  return {
    command: m.command,
    machine: m.machine,
    benchSeconds: m.benchSeconds,
    identities,
    coldLogin: m.coldLogin,
    uiOverHeadless,
    headlessOverFloor,
    uiServerSessionOverHeadlessServerSession: ratio(m.coldLogin.uiServerSessionMs, m.coldLogin.headlessServerSessionMs),
    headlessKnownIssuerOverFloor: ratio(m.coldLogin.headlessKnownIssuerMs, m.coldLogin.floorMs),
    loginsPerRun: m.logins.withGlobalSetup,
    loginsPerRunWithoutGlobalSetup: m.logins.withoutGlobalSetup,
    warmRunLogins: m.logins.warmRunLogins,
    loginsDetail: m.logins,
    fixtureOverheadMsPerTest: m.overhead.msPerTest,
    fixtureOverhead: m.overhead,
    suiteTime: m.suiteTime,
    perRun: m.perRun,
    goals,
  };
}

function signedMs(ms: number): string {
  return `${ms > 0 ? '+' : ''}${ms} ms`;
}

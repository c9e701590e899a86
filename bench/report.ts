// Writes bench/results.json (for tools and the README), bench/results.md (for people) and bench/chart.svg.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chartSvg } from './chart.js';
import type { BenchResults } from './results.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));

export async function writeReport(results: BenchResults): Promise<string[]> {
  const files = {
    'results.json': JSON.stringify(results, null, 2) + '\n',
    'results.md': markdown(results),
    'chart.svg': chartSvg(results),
  };
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(benchDir, name), content);
  return Object.keys(files).map((name) => path.join('bench', name));
}

function markdown(r: BenchResults): string {
  const m = r.machine;
  const c = r.coldLogin;
  const s = r.suiteTime;
  const o = r.fixtureOverhead;
  const workers = Object.keys(r.loginsPerRun);
  const lines = [
    '# Benchmarks',
    '',
    `\`${r.command}\` on ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node}, ${m.platform}; ${m.date}.`,
    `Load average at start ${m.loadAverageAtStart} (other work shared the machine); the bench took ${r.benchSeconds} s.`,
    'Everything runs against the embedded Okta emulator and the demo app on 127.0.0.1, in one run, side by side;',
    'times are medians of repeated runs, interleaved so that the machine\'s noise falls on every contender alike.',
    '',
    '## Goals (issue 6)',
    '',
    '| what | measured | goal | met |',
    '|---|---|---|---|',
    ...r.goals.map((goal) => `| ${goal.what} | ${goal.value} | ${goal.goal} | ${goal.met ? 'yes' : '**no**'} |`),
    '',
    '![cold login and suite time](chart.svg)',
    '',
    `## Cold login, one identity (${c.identity}), median of ${c.rounds} rounds`,
    '',
    '| way | what it does | ms | × floor |',
    '|---|---|---|---|',
    `| floor | authn, authorize (redirect not followed), token: 3 bare undici requests, no validation, no cache | ${c.floorMs} | 1 |`,
    `| **headless** | the engine with a fresh cache dir (discovery, authn, authorize + PKCE, token, JWKS, validation, lock, cache write) + SPA storageState | **${c.headlessMs}** | ${ratio(c.headlessMs, c.floorMs)} |`,
    `| headless, issuer known | the same, discovery and JWKS already cached (a later run's cold tokens) | ${c.headlessKnownIssuerMs} | ${ratio(c.headlessKnownIssuerMs, c.floorMs)} |`,
    `| headless, server session | the engine + the app's session cookie, made by walking its /login headlessly | ${c.headlessServerSessionMs} | ${ratio(c.headlessServerSessionMs, c.floorMs)} |`,
    `| **UI** | running Chromium: new context, /spa, sign-in button, IdP page, fill, submit, signed in, storageState() | **${c.uiMs}** | ${ratio(c.uiMs, c.floorMs)} |`,
    `| UI, server session | the same through /profile (oidc-middleware) | ${c.uiServerSessionMs} | ${ratio(c.uiServerSessionMs, c.floorMs)} |`,
    '',
    `UI over headless: **${r.uiOverHeadless}×** (SPA); ${r.uiServerSessionOverHeadlessServerSession}× for the server-session pair.`,
    `Headless over floor: **${r.headlessOverFloor}×**; ${r.headlessKnownIssuerOverFloor}× once discovery and JWKS are cached.`,
    '',
    `## Logins per run: ${r.loginsDetail.tests} API tests over ${r.identities} identities, cold cache`,
    '',
    '| workers | authn requests, with global setup | authn requests, no global setup |',
    '|---|---|---|',
    ...workers.map((w) => `| ${w} | ${r.loginsPerRun[w]} | ${r.loginsPerRunWithoutGlobalSetup[w]} |`),
    '',
    `A second run on the warm cache (4 workers): **${r.warmRunLogins}** authn requests; its summary: \`${r.loginsDetail.warmRunSummary}\`.`,
    '',
    `## Fixture overhead: ${o.tests} API tests with \`oktaRequest\` and the same ${o.tests} with \`request\` + a fixed header`,
    '',
    `One run holds both, interleaved, ${o.workers} workers; per-test durations from the JSON reporter (fixture set-up and`,
    'teardown included); per run the 10%-trimmed mean of each kind, then the median difference over the runs.',
    '',
    '| run | oktaRequest, ms/test | plain request, ms/test | medians (ms) | added ms/test |',
    '|---|---|---|---|---|',
    ...o.perRun.map((row, i) => `| ${i + 1} | ${row.fixtureMs} | ${row.plainMs} | ${row.fixtureMedianMs} vs ${row.plainMedianMs} | ${row.differenceMs} |`),
    '',
    `Added per test: **${r.fixtureOverheadMsPerTest} ms** (median of ${o.runs} runs).`,
    '',
    `## Suite time: ${s.tests} end-to-end tests (open /profile, see the name), ${s.workers} workers, median of ${s.runs} runs`,
    '',
    '| signed in by | wall time (spawn to exit) | × ours | password sign-ins Okta saw per run |',
    '|---|---|---|---|',
    `| **our storageState** (\`oktaStorage: 'server-session'\`, cold cache) | **${sec(s.storageStateMs)}** | 1 | ${s.signInsPerRun.storageState} |`,
    `| UI once per worker (Playwright's per-worker storageState recipe) | ${sec(s.uiPerWorkerMs)} | ${s.uiPerWorkerOverStorageState} | ${s.signInsPerRun.uiPerWorker} |`,
    `| UI in every test | ${sec(s.uiPerTestMs)} | ${s.uiPerTestOverStorageState} | ${s.signInsPerRun.uiPerTest} |`,
    '',
    'Raw samples are in `results.json`.',
    '',
  ];
  return lines.join('\n');
}

function ratio(a: number, b: number): number {
  return Math.round((a / b) * 10) / 10;
}

function sec(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

// Writes bench/results.json (for tools and the README), bench/results.md (for people) and bench/chart.svg.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chartSvg } from './chart.js';
import type { BenchResults } from './results.js';
import { perRunMarkdown } from './per-run-report.js';

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
    '## Goals (issues 6 and 10)',
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
    `One run holds both, interleaved pair by pair, ${o.workers} workers; per-test durations from the JSON reporter (fixture`,
    'set-up and teardown included). Per run: the 10%-trimmed mean of the difference within each pair (the twins ran',
    'next to each other, so drifting load cancels); the figure is the median over the runs.',
    '',
    '| run | oktaRequest, ms/test | plain request, ms/test | paired difference, ms/test |',
    '|---|---|---|---|',
    ...o.perRun.map((row, i) => `| ${i + 1} | ${row.fixtureMs} | ${row.plainMs} | ${row.pairedMs} |`),
    '',
    `Added per test: **${r.fixtureOverheadMsPerTest} ms** (median of ${o.runs} runs; runs ranged from ${o.rangeMs[0]} to ${o.rangeMs[1]} ms,`,
    'which is the resolution this machine allows while other work runs on it).',
    '',
    `## Suite time: ${s.tests} end-to-end tests (open /profile, see the name), ${s.workers} workers, median of ${s.runs} runs`,
    '',
    '| signed in by | wall time (spawn to exit) | × ours | password sign-ins Okta saw per run |',
    '|---|---|---|---|',
    `| **our storageState** (\`oktaStorage: 'server-session'\`, cold cache) | **${sec(s.storageStateMs)}** | 1 | ${s.signInsPerRun.storageState} |`,
    `| UI once per worker (Playwright's per-worker storageState recipe) | ${sec(s.uiPerWorkerMs)} | ${s.uiPerWorkerOverStorageState} | ${s.signInsPerRun.uiPerWorker} |`,
    `| UI in every test | ${sec(s.uiPerTestMs)} | ${s.uiPerTestOverStorageState} | ${s.signInsPerRun.uiPerTest} |`,
    '',
    ...perRunMarkdown(r.perRun),
    '## Reading these numbers',
    '',
    '- The emulator answers on 127.0.0.1 in about a millisecond. Against a real Okta org every request costs a network',
    '  round trip, so the floor and the headless login grow by a few round trips each, and the UI login by more (more',
    '  requests, page assets); the logins-per-run figures do not depend on the IdP at all.',
    '- Ours costs one sign-in per identity per run, the per-worker recipe one per worker per run (see the last column);',
    '  with 2 workers its sign-ins are spread over 25 tests each, so its wall time comes close to ours. Each test here',
    '  spends most of its time opening a browser context and a page, which neither way avoids.',
    '- Other work shared this 2-core machine (load average above): absolute times are noisy, which is why every',
    '  comparison is made side by side, interleaved, in one run. Raw samples are in `results.json`.',
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

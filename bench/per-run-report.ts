// The per-run section of bench/results.md: one table per role count, plain Playwright's wall time and every
// other contender's difference to it in the same cell (medians of the rounds, measured side by side).
import type { PerRunResult } from './per-run.js';

const COLUMNS: Array<[variant: string, title: string]> = [
  ['ours', 'ours, cold'],
  ['ours-warm', 'ours, warm'],
  ['peer', 'peer, cold'],
  ['peer-warm', 'peer, warm'],
  ['setupProject', 'setup project (UI)'],
  ['uiPerWorker', 'UI per worker'],
  ['uiPerTest', 'UI per test'],
];

export function perRunMarkdown(p: PerRunResult): string[] {
  const lines = [
    `## Per-run cost: ${p.tests} API tests, a whole \`playwright test\` run, against what users pick instead (issue 10)`,
    '',
    'Wall time from spawn to exit. **plain**: `@playwright/test` with a token handed in through the environment (no',
    'sign-in at all: the floor). **ours**: `playwright-okta` as the Quick start sets it up (global setup and teardown,',
    '`oktaRequest`), imported by name from the built package. **peer**: `@seontechnologies/playwright-utils`',
    'auth-session with an Okta provider written for it (authn, authorize with PKCE, token; no browser), pre-fetched',
    'by its `authGlobalInit`. **setup project**: Playwright\'s docs/auth.md recipe, a UI sign-in per role in a setup',
    'project saving storageState files. **UI per worker** / **UI per test**: a sign-in through the IdP\'s page in',
    'Chromium per worker and role / in every test. Cold: empty token cache; warm: the cache of an earlier run (the',
    'others keep nothing between runs). Cells are medians of',
    `${p.rounds} interleaved rounds (${p.browserRounds} for the three browser recipes; UI per test with one role only:`,
    'every test signs in, so the number of roles changes nothing). Other contenders: difference to plain in the same cell.',
    '',
  ];
  for (const roles of [...new Set(p.cells.map((cell) => cell.roles))]) {
    lines.push(
      `### ${roles} role${roles > 1 ? 's' : ''}`,
      '',
      `| workers | plain | ${COLUMNS.map(([, title]) => title).join(' | ')} |`,
      `|---|---|${COLUMNS.map(() => '---').join('|')}|`,
    );
    for (const cell of p.cells.filter((c) => c.roles === roles)) {
      const plain = cell.medianMs.plain;
      const diffs = COLUMNS.map(([variant]) => {
        const diff = cell.overPlainMs[variant];
        if (diff === undefined || Number.isNaN(diff)) return '–';
        const text = `${diff >= 0 ? '+' : '−'}${(Math.abs(diff) / 1000).toFixed(2)} s`;
        return variant.startsWith('ours') ? `**${text}**` : text;
      });
      lines.push(`| ${cell.workers} | ${plain === undefined ? '–' : `${(plain / 1000).toFixed(2)} s`} | ${diffs.join(' | ')} |`);
    }
    lines.push('');
  }
  lines.push(
    `Worst cell, ours over plain: **${p.oursOverPlainMaxMs} ms**; ours over the peer: **${p.oursOverPeerMaxMs} ms** (negative: faster).`,
    'Raw samples (every run) are in `results.json` under `perRun.samples`.',
    '',
  );
  return lines;
}

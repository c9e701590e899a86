// bench/chart.svg by hand: two panels of horizontal bars (cold login in ms, suite time in s), each on its
// own linear scale starting at zero, the value written at the end of every bar. No chart library.
import type { BenchResults } from './results.js';

interface Bar {
  label: string;
  value: number;
  text: string;
  ours: boolean;
}

const WIDTH = 800;
const LABEL_WIDTH = 250;
const BAR_AREA = 360;
const BAR_HEIGHT = 22;
const GAP = 10;
const OURS = '#0f766e';
const OTHERS = '#9ca3af';

export function chartSvg(results: BenchResults): string {
  const cold = results.coldLogin;
  const suite = results.suiteTime;
  const panels = [
    {
      title: `Cold login, one identity (median of ${cold.rounds} rounds, ms; lower is better)`,
      bars: [
        { label: 'floor: 3 bare requests', value: cold.floorMs, text: ms(cold.floorMs), ours: false },
        { label: 'headless (playwright-okta)', value: cold.headlessMs, text: `${ms(cold.headlessMs)} (${results.headlessOverFloor}× floor)`, ours: true },
        { label: 'UI sign-in in Chromium', value: cold.uiMs, text: `${ms(cold.uiMs)} (${results.uiOverHeadless}× headless)`, ours: false },
      ],
    },
    {
      title: `${suite.tests} end-to-end tests, ${suite.workers} workers (median of ${suite.runs} runs, s; lower is better)`,
      bars: [
        { label: 'our storageState', value: suite.storageStateMs, text: seconds(suite.storageStateMs), ours: true },
        { label: 'UI sign-in once per worker', value: suite.uiPerWorkerMs, text: `${seconds(suite.uiPerWorkerMs)} (${suite.uiPerWorkerOverStorageState}×)`, ours: false },
        { label: 'UI sign-in in every test', value: suite.uiPerTestMs, text: `${seconds(suite.uiPerTestMs)} (${suite.uiPerTestOverStorageState}×)`, ours: false },
      ],
    },
  ];

  const parts: string[] = [];
  let y = 20;
  for (const panel of panels) {
    parts.push(`<text x="10" y="${y + 14}" class="title">${escape(panel.title)}</text>`);
    y += 28;
    parts.push(...bars(panel.bars, y));
    y += panel.bars.length * (BAR_HEIGHT + GAP) + 20;
  }
  const height = y;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="playwright-okta benchmarks">
<style>text{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:13px;fill:#111827}.title{font-weight:600;font-size:14px}.note{font-size:11px;fill:#6b7280}</style>
<rect width="100%" height="100%" fill="#ffffff"/>
${parts.join('\n')}
<text x="10" y="${height - 8}" class="note">${escape(`${results.command} · ${results.machine.cpu}, ${results.machine.cores} cores · Node ${results.machine.node} · ${results.machine.date.slice(0, 10)}`)}</text>
</svg>
`;
}

function bars(items: Bar[], top: number): string[] {
  const max = Math.max(...items.map((item) => item.value));
  return items.flatMap((item, i) => {
    const y = top + i * (BAR_HEIGHT + GAP);
    const width = Math.max(2, Math.round((item.value / max) * BAR_AREA));
    return [
      `<text x="${LABEL_WIDTH - 8}" y="${y + 16}" text-anchor="end">${escape(item.label)}</text>`,
      `<rect x="${LABEL_WIDTH}" y="${y}" width="${width}" height="${BAR_HEIGHT}" rx="3" fill="${item.ours ? OURS : OTHERS}"/>`,
      `<text x="${LABEL_WIDTH + width + 6}" y="${y + 16}">${escape(item.text)}</text>`,
    ];
  });
}

function ms(value: number): string {
  return `${value >= 100 ? Math.round(value) : value} ms`;
}

function seconds(value: number): string {
  return `${(value / 1000).toFixed(1)} s`;
}

function escape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

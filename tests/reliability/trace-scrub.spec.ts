// The trace scrubber on archives of every shape it may meet: ZIP64 (what zip writers produce for large or
// many-entry archives), a truncated file (a run killed while writing), an entry compressed with a method
// other than stored or deflate, and a real trace of a long test from a full child run. A readable
// archive loses its tokens and keeps everything else; an unreadable one fails closed: left as it is, a
// warning that names it and says what to do, and a count in the run's summary line.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { scrubArtifacts } from '../../src/playwright/artifact-scrub.js';
import { repoRoot, runPlaywright, writeProject } from '../support/child-run.js';
import { filesUnder, PASSWORD, readZip, removeDir, scannableText, tempDir, withEmulator, writeZip } from './support.js';

// A token-shaped value (a JWS: header, payload, signature) as a trace's network log would carry it.
const TOKEN = 'eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJhbGljZUBleGFtcGxlLmNvbSJ9.c2lnbmF0dXJlLWJ5dGVz';
const NETWORK = JSON.stringify({ request: { headers: [{ name: 'Authorization', value: `Bearer ${TOKEN}` }] } });
// Not UTF-8 text: must come back byte for byte.
const IMAGE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00, 0x01, 0x80, 0x81]);

let dir: string;
test.beforeEach(async () => {
  dir = await tempDir('okta-scrub-');
});
test.afterEach(async () => {
  await removeDir(dir);
});

async function scrub(): Promise<{ report: Awaited<ReturnType<typeof scrubArtifacts>>; warnings: string[] }> {
  const warnings: string[] = [];
  const report = await scrubArtifacts([dir], (message) => warnings.push(message));
  return { report, warnings };
}

test('a ZIP64 archive is scrubbed: the token is gone, the other entries are as they were', async () => {
  const file = path.join(dir, 'trace.zip');
  const archive = await writeZip([
    { name: 'trace.network', data: Buffer.from(NETWORK) },
    { name: 'resources/shot.png', data: IMAGE, compress: false },
  ], { zip64: true });
  // Forced ZIP64: the end record's counts and offset are 0xffff / 0xffffffff, the real ones in the ZIP64 records.
  expect(archive.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(true);
  await writeFile(file, archive);

  const { report, warnings } = await scrub();
  expect(report).toEqual({ files: 1, rewritten: 1, unscrubbed: [] });
  expect(warnings).toEqual([]);
  const entries = await readZip(await readFile(file));
  expect(entries.map((e) => e.name)).toEqual(['trace.network', 'resources/shot.png']);
  expect(entries[0]!.data.toString()).not.toContain(TOKEN);
  expect(entries[0]!.data.toString()).toContain('Bearer [redacted]');
  expect(entries[1]!.data.equals(IMAGE)).toBe(true);
});

test('a truncated archive is left as it is, named in a warning that says what to do, and counted', async () => {
  const file = path.join(dir, 'trace.zip');
  const whole = await writeZip([{ name: 'trace.network', data: Buffer.from(NETWORK) }]);
  const truncated = whole.subarray(0, Math.floor(whole.length / 2));
  await writeFile(file, truncated);

  const { report, warnings } = await scrub();
  expect(report.rewritten).toBe(0);
  expect(report.unscrubbed).toEqual([{ file, reason: expect.stringMatching(/not a readable zip archive/) }]);
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toContain(`could not scrub ${file}`);
  expect(warnings[0]).toMatch(/may still hold bearer tokens\. Delete it, or keep it out of uploaded artifacts/);
  expect((await readFile(file)).equals(truncated)).toBe(true);
});

test('an entry compressed with another method (LZMA) is refused the same way', async () => {
  const file = path.join(dir, 'trace.zip');
  const stored = await writeZip([{ name: 'trace.network', data: Buffer.from(NETWORK), compress: false }]);
  // The method field (2 bytes) of the one local header (at 8) and of its central directory header (at 10):
  // 14 is LZMA, which zip writers may use and the scrubber cannot decode.
  stored.writeUInt16LE(14, 8);
  stored.writeUInt16LE(14, stored.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 10);
  await writeFile(file, stored);

  const { report, warnings } = await scrub();
  expect(report.unscrubbed).toEqual([{ file, reason: expect.stringMatching(/compression method 14/) }]);
  expect(warnings).toHaveLength(1);
  expect((await readFile(file)).equals(stored)).toBe(true);
});

test('a real trace of a long test is scrubbed by the global teardown; a broken archive beside it is warned about and counted in the summary', async () => {
  test.setTimeout(180_000);
  const REQUESTS = 400;
  await withEmulator({}, async (emulator) => {
    const cacheDir = await tempDir('okta-scrub-cache-');
    try {
      const project = await writeProject({
        'playwright.config.ts': `export default {
          testDir: '.',
          workers: 1,
          reporter: 'list',
          outputDir: 'test-results',
          globalSetup: ${JSON.stringify(path.join(repoRoot, 'global-setup.ts'))},
          globalTeardown: ${JSON.stringify(path.join(repoRoot, 'global-teardown.ts'))},
          use: { baseURL: ${JSON.stringify(`${emulator.issuer}/`)}, trace: 'on' },
        };\n`,
        'long.spec.ts': `
          import { writeFile } from 'node:fs/promises';
          import { test, expect } from 'FIXTURES';
          test('${REQUESTS} requests with the bearer token', async ({ oktaRequest }) => {
            for (let i = 0; i < ${REQUESTS}; i++) expect((await oktaRequest.get('v1/userinfo')).status()).toBe(200);
          });
          test('leaves a broken archive among the artifacts', async ({}, testInfo) => {
            await writeFile(testInfo.outputPath('broken.zip'), Buffer.from('PK\\u0003\\u0004 cut short'));
          });
        `,
      });
      const run = await runPlaywright([], {
        cwd: project,
        json: true,
        env: {
          OKTA_ISSUER: emulator.issuer,
          OKTA_CLIENT_ID: 'demo-spa',
          OKTA_REDIRECT_URI: 'http://localhost:3000/login/callback',
          OKTA_USERNAME: 'alice@example.com',
          OKTA_PASSWORD: PASSWORD,
          OKTA_CACHE_DIR: cacheDir,
        },
      });
      expect(run.stats, run.output).toEqual({ expected: 2, unexpected: 0, skipped: 0, flaky: 0 });
      const broken = (await filesUnder(path.join(project, 'test-results'))).find((f) => f.endsWith('broken.zip'))!;
      expect(run.output).toContain(`okta: could not scrub ${broken}`);
      expect(run.output).toMatch(/^okta: 1 identity, 1 login, 0 refreshes, \d+ cache hits?, 1 trace not scrubbed$/m);

      const traces = (await filesUnder(path.join(project, 'test-results'))).filter((f) => f.endsWith('trace.zip'));
      expect(traces).toHaveLength(2);
      const texts = (await Promise.all(traces.map((trace) => scannableText(trace)))).flat();
      // The long test's network log holds every request, each with its Authorization header, redacted.
      const network = texts.filter(({ where }) => where.endsWith('.network')).map(({ text }) => text).join('\n');
      expect(network.match(/v1\/userinfo/g)?.length ?? 0).toBeGreaterThanOrEqual(REQUESTS);
      expect(network.match(/Bearer \[redacted\]/g)?.length ?? 0).toBeGreaterThanOrEqual(REQUESTS);
      const issued = emulator.audit().issued.accessTokens;
      expect(issued.length).toBeGreaterThanOrEqual(1);
      for (const { where, text } of texts) {
        for (const token of issued) expect(text.includes(token), `a bearer token in ${where}`).toBe(false);
      }
    } finally {
      await removeDir(cacheDir);
    }
  });
});

// Helpers for the reliability suite: emulators per case, the files a cache directory holds, the emulator's
// audit in numbers, and a reader and writer of zip archives (Playwright's traces) on yauzl and yazl.
import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { startEmulator, type EmulatorHandle, type StartEmulatorOptions } from '../../src/emulator/index.js';

export { delta, engineEnv, errorText, PASSWORD, removeDir, ROOT, runCli, secretsIn, SERVICE_SECRET, tempDir, TOTP_SECRET, useEngineBed, WEB_SECRET } from '../engine/support.js';

export const ROUTES = {
  authn: 'POST /api/v1/authn',
  authorize: 'GET /oauth2/default/v1/authorize',
  token: 'POST /oauth2/default/v1/token',
  keys: 'GET /oauth2/default/v1/keys',
  discovery: 'GET /oauth2/default/.well-known/openid-configuration',
} as const;

/** Runs `fn` with an emulator of its own, closed afterwards whatever happens. */
export async function withEmulator<T>(options: StartEmulatorOptions, fn: (emulator: EmulatorHandle) => Promise<T>): Promise<T> {
  const emulator = await startEmulator({ port: 0, ...options });
  try {
    return await fn(emulator);
  } finally {
    await emulator.close();
  }
}

/** The token files (`okta-<role>-<kind>-<key>.json`) in a cache directory. */
export async function tokenFiles(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).filter((name) => /^okta-.*-[0-9a-f]{24}\.json$/.test(name)).sort();
}

/** Leftovers of interrupted atomic writes. */
export async function tempFiles(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith('.tmp'));
}

export async function modeOf(file: string): Promise<string> {
  return ((await lstat(file)).mode & 0o777).toString(8).padStart(4, '0');
}

/** Authn attempts per user (lower-cased login) from the emulator's audit. */
export function authnByUser(emulator: EmulatorHandle): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const attempt of emulator.audit().authn) counts[attempt.login] = (counts[attempt.login] ?? 0) + 1;
  return counts;
}

/** Every file under `dir` (recursively), for artifact scans. */
export async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

export interface ZipEntry {
  name: string;
  data: Buffer;
}

/** The entries of a zip archive (Playwright's traces), read with yauzl: ZIP64 too; throws on what it cannot read. */
export async function readZip(zip: Buffer): Promise<ZipEntry[]> {
  const archive = await yauzl.fromBufferPromise(zip);
  const entries: ZipEntry[] = [];
  for await (const entry of archive.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await archive.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    entries.push({ name: entry.fileName, data: Buffer.concat(chunks) });
  }
  return entries;
}

/** A zip archive of `entries`, written with yazl; `zip64` forces the ZIP64 records even where not needed. */
export async function writeZip(entries: Array<ZipEntry & { compress?: boolean }>, options: { zip64?: boolean } = {}): Promise<Buffer> {
  const archive = new yazl.ZipFile();
  for (const entry of entries) archive.addBuffer(entry.data, entry.name, { compress: entry.compress ?? true, forceZip64Format: options.zip64 ?? false });
  archive.end({ forceZip64Format: options.zip64 ?? false, comment: '' });
  const chunks: Buffer[] = [];
  for await (const chunk of archive.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A file's text for a scan: a zip's entries (recursively: traces hold zips) or the file itself. */
export async function scannableText(file: string): Promise<Array<{ where: string; text: string }>> {
  const content = await readFile(file);
  return expand(file, content);
}

async function expand(where: string, content: Buffer): Promise<Array<{ where: string; text: string }>> {
  if (content.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    const nested = await Promise.all((await readZip(content)).map((entry) => expand(`${where}!${entry.name}`, entry.data)));
    return nested.flat();
  }
  return [{ where, text: content.toString('latin1') }];
}

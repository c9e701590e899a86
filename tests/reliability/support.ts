// Helpers for the reliability suite: emulators per case, the files a cache directory holds, the emulator's
// audit in numbers, and a reader for Playwright's trace archives (zip) on node's zlib alone.
import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
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

/**
 * The entries of a zip archive (Playwright's traces): the central directory gives names, sizes and offsets;
 * each local entry is stored (0) or deflated (8). Enough for traces; not a general zip reader (no zip64).
 */
export function readZip(zip: Buffer): ZipEntry[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip archive (no end of central directory)');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('corrupt central directory');
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const raw = zip.subarray(dataStart, dataStart + compressedSize);
    if (method !== 0 && method !== 8) throw new Error(`zip entry ${name}: unsupported method ${method}`);
    entries.push({ name, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** A file's text for a scan: a zip's entries (recursively: traces hold zips) or the file itself. */
export async function scannableText(file: string): Promise<Array<{ where: string; text: string }>> {
  const content = await readFile(file);
  return expand(file, content);
}

function expand(where: string, content: Buffer): Array<{ where: string; text: string }> {
  if (content.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    return readZip(content).flatMap((entry) => expand(`${where}!${entry.name}`, entry.data));
  }
  return [{ where, text: content.toString('latin1') }];
}

// Request bodies, read with a cap so a huge upload cannot exhaust memory, then parsed as JSON (the
// /api/v1 endpoints) or as a form (the /oauth2 endpoints and the hosted sign-in page).
import type { Ctx } from './context.js';

export const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLarge extends Error {
  readonly code = 'BODY_TOO_LARGE';
}

export async function readBody(ctx: Ctx): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge(`request body exceeds ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The JSON object in the body, or undefined when it is empty, malformed or not an object. */
export async function readJsonObject(ctx: Ctx): Promise<Record<string, unknown> | undefined> {
  const raw = (await readBody(ctx)).toString('utf8');
  if (raw.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Form parameters; every value is kept so duplicated OAuth parameters can be refused. */
export async function readForm(ctx: Ctx): Promise<URLSearchParams> {
  const raw = (await readBody(ctx)).toString('utf8');
  return new URLSearchParams(raw);
}

export function isFormContentType(ctx: Ctx): boolean {
  const type = ctx.req.headers['content-type'] ?? '';
  return type.toLowerCase().split(';')[0]!.trim() === 'application/x-www-form-urlencoded';
}

export function stringField(body: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = body?.[name];
  return typeof value === 'string' ? value : undefined;
}

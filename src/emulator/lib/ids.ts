// Okta-looking identifiers. Random ones for tokens and transactions; stable ones (derived from a name) for
// seeded objects, so a user's id survives a restart and tests may hard-code nothing yet compare across runs.
import { createHash, randomBytes } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function encode(bytes: Uint8Array, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) out += ALPHANUMERIC[bytes[i % bytes.length]! % ALPHANUMERIC.length];
  return out;
}

/** `prefix` + random alphanumerics, e.g. `randomId('00u', 17)`. */
export function randomId(prefix: string, length: number): string {
  return prefix + encode(randomBytes(Math.max(length, 32)), length);
}

/** `prefix` + alphanumerics derived from `name`: the same name always gives the same id. */
export function stableId(prefix: string, name: string, length = 17): string {
  return prefix + encode(createHash('sha256').update(name).digest(), length);
}

/** An opaque, URL-safe secret (codes, refresh tokens): `bytes` random bytes, base64url. */
export function opaqueToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

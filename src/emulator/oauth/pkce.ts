// PKCE (RFC 7636), S256 only, as Okta: BASE64URL(SHA256(verifier)) must equal the authorize challenge.
import { createHash } from 'node:crypto';

/** 43–128 characters of [A-Z a-z 0-9 - . _ ~], for both challenge and verifier. */
const PKCE_VALUE = /^[A-Za-z0-9\-._~]{43,128}$/;

export function isWellFormedPkceValue(value: string): boolean {
  return PKCE_VALUE.test(value);
}

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

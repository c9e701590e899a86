// Signing keys: one RS256 key pair per authorization server (the org server included), generated at start,
// published at {issuer}/v1/keys with a `kid`. A spare key, never published, serves the 'unknown-kid' tamper.
// A persistent emulator (a state file) keeps its keys as private JWKs, so tokens outlive a restart.
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function createSigningKey(): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  return signingKeyFrom(await exportJWK(privateKey));
}

export async function signingKeyFrom(privateJwk: JWK): Promise<SigningKey> {
  const privateKey = (await importJWK(privateJwk, 'RS256', { extractable: true })) as CryptoKey;
  const kid = await calculateJwkThumbprint({ kty: 'RSA', e: privateJwk.e, n: privateJwk.n });
  return { kid, privateKey, publicJwk: { kty: 'RSA', alg: 'RS256', kid, use: 'sig', e: privateJwk.e, n: privateJwk.n } };
}

export async function exportSigningKey(key: SigningKey): Promise<JWK> {
  return exportJWK(key.privateKey);
}

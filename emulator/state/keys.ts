// Signing keys: one RS256 key pair per authorization server (the org server included), generated at start,
// published at {issuer}/v1/keys with a `kid`. A spare key, never published, serves the 'unknown-kid' tamper.
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function createSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, privateKey, publicJwk: { kty: 'RSA', alg: 'RS256', kid, use: 'sig', e: jwk.e, n: jwk.n } };
}

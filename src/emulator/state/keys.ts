// Signing keys: one RS256 key pair per authorization server (the org server included), published at
// {issuer}/v1/keys with a `kid`. A spare key, never published, serves the 'unknown-kid' tamper.
// A persistent emulator (a state file) keeps its keys as private JWKs, so tokens outlive a restart.
//
// A key is made when first used, not at start: an RSA-2048 key costs about 0.1 s of CPU, and most
// emulators (one per test in this suite, 650 keys a run when made eagerly) sign for one server only.
import { createHash, createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicJwk: JWK;
  /** The private JWK, for the state file. */
  exportPrivate(): JWK;
}

type Made = Omit<SigningKey, 'exportPrivate'>;

/** A key made on first use, from `saved` (a private JWK) when given, else new. */
export function lazySigningKey(saved?: JWK): SigningKey {
  let made: Made | undefined;
  const make = (): Made => (made ??= fromPrivateKey(saved ? createPrivateKey({ key: saved, format: 'jwk' }) : newRsaKey()));
  return {
    get kid() {
      return make().kid;
    },
    get privateKey() {
      return make().privateKey;
    },
    get publicJwk() {
      return make().publicJwk;
    },
    exportPrivate: () => make().privateKey.export({ format: 'jwk' }) as JWK,
  };
}

function newRsaKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

function fromPrivateKey(privateKey: KeyObject): Made {
  const { e, n } = privateKey.export({ format: 'jwk' }) as { e: string; n: string };
  const kid = rsaThumbprint(e, n);
  return { kid, privateKey, publicJwk: { kty: 'RSA', alg: 'RS256', kid, use: 'sig', e, n } };
}

/** RFC 7638's JWK thumbprint of an RSA key (what jose's calculateJwkThumbprint gives, but synchronous). */
function rsaThumbprint(e: string, n: string): string {
  return createHash('sha256').update(JSON.stringify({ e, kty: 'RSA', n })).digest('base64url');
}

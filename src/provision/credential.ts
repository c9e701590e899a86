// The management credential, read from the environment: a service app with private_key_jwt and Okta scopes
// (OKTA_MANAGEMENT_CLIENT_ID + OKTA_MANAGEMENT_PRIVATE_KEY, Okta's recommended way), or an SSWS API token
// (OKTA_API_TOKEN). The key is parsed here, once; neither it nor the token ever appears in a message.
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { OktaError } from '../engine/index.js';

export type ManagementCredential =
  | { kind: 'ssws'; token: string }
  | { kind: 'private_key_jwt'; clientId: string; key: KeyObject; alg: 'RS256' | 'ES256' | 'ES384' | 'ES512'; kid?: string };

type Env = Record<string, string | undefined>;

export function readManagementCredential(env: Env): ManagementCredential {
  const get = (name: string) => env[name]?.trim() || undefined;
  const clientId = get('OKTA_MANAGEMENT_CLIENT_ID');
  const keyText = get('OKTA_MANAGEMENT_PRIVATE_KEY');
  if (clientId || keyText) {
    if (!clientId) throw authError('OKTA_MANAGEMENT_CLIENT_ID is required with OKTA_MANAGEMENT_PRIVATE_KEY (the service app\'s client id)');
    if (!keyText) throw authError('OKTA_MANAGEMENT_PRIVATE_KEY is required with OKTA_MANAGEMENT_CLIENT_ID (the service app\'s private key: PEM or JWK, inline or a file path)');
    const { key, kid } = parseKey(keyText);
    const kidOverride = get('OKTA_MANAGEMENT_KEY_ID') ?? kid;
    return { kind: 'private_key_jwt', clientId, key, alg: algorithmOf(key), ...(kidOverride ? { kid: kidOverride } : {}) };
  }
  const token = get('OKTA_API_TOKEN');
  if (token) return { kind: 'ssws', token };
  throw authError(
    'No management credential: set OKTA_MANAGEMENT_CLIENT_ID and OKTA_MANAGEMENT_PRIVATE_KEY (an API Services app with ' +
      'private_key_jwt, granted okta.users.manage and okta.groups.read), or OKTA_API_TOKEN (an SSWS token)',
  );
}

// PEM or JWK text, or the path of a file holding one; `\n` escapes are accepted (CI secret stores flatten PEM).
function parseKey(value: string): { key: KeyObject; kid?: string } {
  let text = value;
  if (!value.startsWith('-----BEGIN') && !value.startsWith('{')) {
    try {
      text = readFileSync(value, 'utf8').trim();
    } catch {
      throw authError('OKTA_MANAGEMENT_PRIVATE_KEY is neither PEM text, JWK JSON, nor a readable file path');
    }
  }
  text = text.replace(/\\n/g, '\n').trim();
  try {
    if (text.startsWith('{')) {
      const jwk = JSON.parse(text) as { kid?: unknown; d?: unknown };
      if (typeof jwk.d !== 'string') throw new Error('public');
      const key = createPrivateKey({ key: jwk as never, format: 'jwk' });
      return typeof jwk.kid === 'string' ? { key, kid: jwk.kid } : { key };
    }
    return { key: createPrivateKey(text) };
  } catch {
    // The parser's own message is not repeated: it may quote the key.
    throw authError('OKTA_MANAGEMENT_PRIVATE_KEY is not a private key (expected a PKCS#8 or RSA PEM, or a private JWK with d)');
  }
}

function algorithmOf(key: KeyObject): 'RS256' | 'ES256' | 'ES384' | 'ES512' {
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === 'prime256v1' || curve === 'P-256') return 'ES256';
    if (curve === 'secp384r1' || curve === 'P-384') return 'ES384';
    if (curve === 'secp521r1' || curve === 'P-521') return 'ES512';
  }
  throw authError('OKTA_MANAGEMENT_PRIVATE_KEY must be an RSA or EC (P-256, P-384, P-521) key, as Okta accepts for private_key_jwt');
}

function authError(message: string): OktaError {
  return new OktaError('ERR_MANAGEMENT_AUTH', `${message}. Set it in the environment or .env (see .env.example).`);
}

// `--format postman`: a Postman environment to import (or to hand to `newman run -e`), holding the role's
// tokens as variables. Tokens are `secret` variables, which Postman masks on screen. The id is derived
// from the cache key, so the environment of one identity keeps its id from run to run.
import { createHash } from 'node:crypto';
import type { TokenRecord } from '../engine/index.js';

export interface PostmanVariable {
  key: string;
  value: string;
  type: 'default' | 'secret';
  enabled: true;
}

export interface PostmanEnvironment {
  id: string;
  name: string;
  values: PostmanVariable[];
  _postman_variable_scope: 'environment';
}

export function postmanEnvironment(tokens: TokenRecord): PostmanEnvironment {
  const variable = (key: string, value: string, type: PostmanVariable['type'] = 'default'): PostmanVariable => ({ key, value, type, enabled: true });
  const who = tokens.username || tokens.clientId;
  return {
    id: uuidFrom(`postman:${tokens.key}`),
    name: `okta ${tokens.role} (${who}) @ ${new URL(tokens.issuer).host}`,
    values: [
      variable('accessToken', tokens.accessToken, 'secret'),
      variable('idToken', tokens.idToken ?? '', 'secret'),
      variable('tokenType', tokens.tokenType),
      variable('expiresAt', new Date(tokens.expiresAt).toISOString()),
      variable('issuer', tokens.issuer),
      variable('clientId', tokens.clientId),
    ],
    _postman_variable_scope: 'environment',
  };
}

/** An RFC 4122 version-4-shaped UUID from a hash (stable for the same input). */
function uuidFrom(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex').slice(0, 32).split('');
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// The factors an MFA user has enrolled, as /api/v1/authn lists them. A push factor comes first on purpose:
// clients must choose the TOTP factor by type, never by position (OKTA-WIRE.md).
import type { User } from '../state/seed.js';
import { stableId } from '../lib/ids.js';
import { totpFactorId } from '../state/directory.js';

export interface Factor {
  id: string;
  factorType: 'push' | 'token:software:totp';
  provider: 'OKTA' | 'GOOGLE';
  vendorName: string;
  profile: Record<string, unknown>;
}

/** The enrolled phone's public key (base64 DER SPKI), as Okta lists it in a push factor's profile. It signs
 * nothing here: the emulated push is never approved. Taken from the Sign-In Widget's recorded factor. */
const PUSH_DEVICE_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA7FChGVis3ZuMsu2gkpzNvwQ7KZ8hO98/\nVxptGzx6K5uZPNjGxtE8wxkbvjZXQ5m5FTRNp4flVQ7ZuPhl/T+g7vAfhZZ+vjQAzyA3Ep5GsDBG\nnhQAYmsfJrVX8GH0TQx20kbBW4LsW4odQaITvLb1p3iudj7765KVPRFu0B3zY4niOkiJ94FU9r1w\nBi0EjFBP4Z0HBM2/7pKi338jmVIujLJFQbh1iqM6XxfAHYAajeD9mfyJshlpLMK4Yn/a7OEMpUIw\nrhDykhgaZJv6M0npd9mhitBkxdu3xPEZVUFB2tWN8M9D97BTl+tmMDALkW2wFaeg5UDFfy4dZY1S\nAN8lmwIDAQAB\n';

export function userFactors(user: User): Factor[] {
  if (!user.totpSecret) return [];
  return [
    {
      id: stableId('opf', `push:${user.id}`),
      factorType: 'push',
      provider: 'OKTA',
      vendorName: 'OKTA',
      profile: {
        credentialId: user.login,
        deviceType: 'SmartPhone_IPhone',
        keys: [{ kty: 'PKIX', use: 'sig', kid: 'default', x5c: [PUSH_DEVICE_KEY] }],
        name: 'Emulated iPhone',
        platform: 'IOS',
        version: '17.0',
      },
    },
    {
      id: totpFactorId(user.id),
      factorType: 'token:software:totp',
      provider: 'GOOGLE',
      vendorName: 'GOOGLE',
      profile: { credentialId: user.login },
    },
  ];
}

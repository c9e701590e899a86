// Real TOTP checks (RFC 6238: SHA-1, 6 digits, 30 s), accepting one step either side for clock drift.
import { Secret, TOTP } from 'otpauth';

const PERIOD_S = 30;

/** The time step (counter) the code belongs to, or undefined when it matches none of now-1, now, now+1. */
export function totpStep(base32Secret: string, code: string, now = Date.now()): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const totp = new TOTP({ secret: Secret.fromBase32(base32Secret), algorithm: 'SHA1', digits: 6, period: PERIOD_S });
  const delta = totp.validate({ token: code, window: 1, timestamp: now });
  return delta === null ? undefined : Math.floor(now / 1000 / PERIOD_S) + delta;
}

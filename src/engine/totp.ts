// A TOTP code from the account's secret that was not used before: Okta accepts each code once, so when the
// last login of this identity spent the current 30 s step, this waits for the next one. The memory
// (TotpMemory, saved in the cache's `.totp` companion by acquire.ts) is shared by every flow: authn, IDX
// and Direct Authentication.
import * as OTPAuth from 'otpauth';
import type { TotpMemory } from './authn.js';

export async function freshTotpCode(secret: string, memory: TotpMemory): Promise<string> {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  if (memory.lastStep !== undefined && totp.counter() <= memory.lastStep) {
    await new Promise((resolve) => setTimeout(resolve, totp.remaining() + 50));
  }
  memory.lastStep = totp.counter();
  return totp.generate();
}

// A password for a test user: long, crypto-random, every character class Okta's policies can ask for, and
// nothing of the login in it. Okta's password policy is readable only with one more scope
// (okta.policies.read), so the password is made to pass any reasonable policy instead; a refusal names
// the rule (ERR_PROVISION_PASSWORD).
import { randomInt } from 'node:crypto';

export const PASSWORD_LENGTH = 24;

const CLASSES = ['abcdefghijkmnopqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '!#$%*+-=?@^_~'];

/** A password with none of the login's parts (3+ characters) in it, which Okta's "no parts of username" rule refuses. */
export function generatePassword(login: string, length = PASSWORD_LENGTH): string {
  const parts = login.toLowerCase().split(/[^a-z0-9]+/).filter((part) => part.length >= 3);
  for (;;) {
    const password = randomPassword(length);
    if (!parts.some((part) => password.toLowerCase().includes(part))) return password;
  }
}

function randomPassword(length: number): string {
  const all = CLASSES.join('');
  // One of each class, the rest from all of them, then shuffled (Fisher–Yates) so no class sits in a fixed place.
  const chars = [...CLASSES.map(pick), ...Array.from({ length: length - CLASSES.length }, () => pick(all))];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

function pick(alphabet: string): string {
  return alphabet[randomInt(alphabet.length)]!;
}

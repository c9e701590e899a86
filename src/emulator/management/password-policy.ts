// Okta's default password policy, as its docs state it: at least 8 characters, a lowercase letter, an
// uppercase letter, a number, and no part of the login (split on , . _ # @ -; parts of 4+ characters; the
// parent domain such as "com" is not considered). Okta's error lists the requirements in one cause.

export const PASSWORD_REQUIREMENTS =
  'Password requirements were not met. Password requirements: at least 8 characters, a lowercase letter, an uppercase letter, a number, no parts of your username.';

export type PasswordRule = 'minLength' | 'lowercase' | 'uppercase' | 'number' | 'usernameParts';

/** The first rule the password breaks, or undefined when it meets the policy. */
export function brokenPasswordRule(password: string, login: string): PasswordRule | undefined {
  if (password.length < 8) return 'minLength';
  if (!/[a-z]/.test(password)) return 'lowercase';
  if (!/[A-Z]/.test(password)) return 'uppercase';
  if (!/[0-9]/.test(password)) return 'number';
  const lower = password.toLowerCase();
  if (loginParts(login).some((part) => lower.includes(part))) return 'usernameParts';
  return undefined;
}

function loginParts(login: string): string[] {
  const [local = '', domain = ''] = login.toLowerCase().split('@');
  const domainParts = domain.split('.');
  domainParts.pop(); // the parent domain ("com") is not considered
  return [...local.split(/[,._#@-]/), ...domainParts.flatMap((part) => part.split(/[,._#-]/))].filter((part) => part.length >= 4);
}

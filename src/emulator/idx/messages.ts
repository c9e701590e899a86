// IDX messages, verbatim from the samples in okta-wire/idx (IDX.md §2), each with its i18n key: clients
// (the Sign-In Widget, okta-auth-js) translate by key, and tests match on it.
export interface IdxMessage {
  message: string;
  i18n: { key: string; params?: string[] };
  class: 'ERROR' | 'INFO';
}

const error = (message: string, key: string, params?: string[]): IdxMessage => ({
  message,
  i18n: params ? { key, params } : { key },
  class: 'ERROR',
});

export const IDX_MESSAGES = {
  /** Wrong password, unknown user, locked user, on the identify form. */
  authenticationFailed: () => error('Authentication failed', 'errors.E0000004'),
  /** Wrong password at challenge/answer. */
  incorrectPassword: () => error('Password is incorrect', 'incorrectPassword'),
  notAssigned: () => error('User is not assigned to this application.', 'idx.error.user.not.assigned.to.app'),
  unsatisfiable: (appLabel: string) =>
    error(`Unable to login to "${appLabel}" at this time. For assistance, please contact your administrator.`, 'oie.assurance.unsatisfiable', [appLabel]),
  sessionExpired: () => error('The session has expired.', 'idx.session.expired'),
  stateHandleRequired: () => error("'stateHandle' is required.", 'api.error.field_required', ['stateHandle']),
  tooManyRequests: () => error('Too many requests', 'tooManyRequests'),
  accessDenied: () => error('You do not have permission to perform the requested action.', 'security.access_denied'),
  /** Field-level, on the passcode. */
  invalidTotp: () => error("API error: Your code doesn't match our records. Please try again.", 'authfactor.challenge.soft_token.invalid_passcode'),
  usedTotp: () =>
    error('API error: Each code can only be used once. Please wait for a new code and try again.', 'authfactor.challenge.soft_token.used_passcode'),
  invalidEmailCode: () => error('Invalid code. Try again.', 'api.authn.error.PASSCODE_INVALID', []),
} as const;

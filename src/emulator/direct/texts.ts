// Direct Authentication's answers, from Okta's error catalogue (okta-wire/oauth2-error-codes.catalog.json)
// and the guide's samples (okta-wire/idx/directauth_*).
export const DIRECT_TEXT = {
  mfaRequired: 'Verify with an additional authenticator to complete the sign-in process.',
  invalidCredentials: 'The credentials provided were invalid.',
  passwordExpired: 'Password has expired.',
  policyDenied: "User couldn't be signed-in through direct authentication because authentication policy wasn't satisfied.",
  grantDisabledForClient: 'The grant types required to satisfy sign on policy are disabled for the client.',
  enrollmentRequired:
    'The required authenticator cannot be used. Check if it is required by policy and the user is enrolled in the authenticator and try again.',
  invalidOtp: "The 'otp' provided is either empty or incorrect. Use the correct OTP and try again.",
  invalidMfaToken: "The 'mfa_token' is invalid or has expired.",
} as const;

export function missing(name: string): string {
  return `The required parameter '${name}' is missing.`;
}

// The IDX (Interaction Code) sign-in: what login.ts and the doctor use.
export { idxSignIn, type IdxLoginParams, type IdxSignedIn } from './login.js';
export { genericGrant, grantRequest, refusalError, type Refusal } from './grant.js';

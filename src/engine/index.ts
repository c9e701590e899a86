// The engine's public surface. Framework-agnostic: nothing here imports @playwright/test.
export { loadConfig, type LoadConfigOptions } from './config.js';
export { acquireTokens } from './acquire.js';
export { OktaError, isOktaError, type OktaErrorCode } from './errors.js';
export type { Account, Acquisition, AcquireOptions, Identity, OktaConfig, SessionCookie, TokenRecord } from './types.js';
export { failureReason, warmIdentities, warmLine, type WarmJob, type WarmOptions, type WarmResult } from './warm.js';
// For front ends that keep files of their own in the cache directory (storageState): the token files'
// checks, and the one atomic, private write.
export { trustedFiles } from './cache-entry.js';
export { readJsonFile, writeJsonAtomic } from './files.js';

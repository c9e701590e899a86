// The engine's public surface. Framework-agnostic: nothing here imports @playwright/test.
export { loadConfig, type LoadConfigOptions } from './config.js';
export { acquireTokens } from './acquire.js';
export { OktaError, isOktaError, type OktaErrorCode } from './errors.js';
export type { Account, Acquisition, AcquireOptions, Identity, LoginFlow, OktaConfig, SessionCookie, TokenRecord } from './types.js';
export { failureReason, warmIdentities, warmLine, type WarmJob, type WarmOptions, type WarmResult } from './warm.js';
// For front ends that keep files of their own in the cache directory (storageState): the token files'
// checks, and the one atomic, private write.
export { trustedFiles } from './cache-entry.js';
export { readJsonFile, writeJsonAtomic } from './files.js';
// For src/provision: the run's test users, written by global setup and read back by loadConfig.
export { envPrefix, readEnv } from './config.js';
export { PROVISIONED_FILE_VARIABLE, readProvisionedFile, type ProvisionedFile, type ProvisionedUser } from './provisioned-file.js';
export { safeUrl } from './errors.js';
export { cacheEntry } from './cache-entry.js';

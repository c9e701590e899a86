export { test, expect, oktaFixtures } from './test.js';
export type { OktaOptions, OktaIdentity, OktaTestFixtures, OktaWorkerFixtures } from './test.js';
export { spaStorageState, oktaSessionStorageState, serverSessionStorageState } from './storage-state.js';
export type { OktaStorageKind, StorageState } from './storage-state.js';
export { oktaTokenStorage, OKTA_TOKEN_STORAGE_KEY } from './okta-token-storage.js';

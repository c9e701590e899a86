// Jest, for the API tests in tests/jest/ (npm run test:jest). Native ESM: run through
// `node --experimental-vm-modules`, TypeScript stripped by tests/jest/typescript-transform.cjs, and the
// `.js` endings of relative imports mapped back to the `.ts` sources. globalSetup starts an emulator and
// the demo app on free ports and warms the token cache; tests take bearer headers from fixtures/jest.ts.
/** @type {import('jest').Config} */
export default {
  roots: ['<rootDir>/tests/jest'],
  testMatch: ['**/*.test.ts'],
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['js', 'mjs', 'cjs', 'ts', 'json'],
  transform: { '^.+\\.ts$': '<rootDir>/tests/jest/typescript-transform.cjs' },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  globalSetup: '<rootDir>/tests/jest/global-setup.mjs',
  globalTeardown: '<rootDir>/tests/jest/global-teardown.mjs',
  testTimeout: 30_000,
};

// Jest, for the API tests in tests/jest/ (npm run test:jest), set up as a user's project would be: tests
// import playwright-okta/jest by name (the built CommonJS entry, through package self-reference; build
// first), with no flag and no transform of our code. tests/jest/typescript-transform.cjs only strips the
// types of the test files themselves (a user's ts-jest). globalSetup starts an emulator and the demo app on
// free ports and warms the token cache with warmTokens().
/** @type {import('jest').Config} */
export default {
  roots: ['<rootDir>/tests/jest'],
  testMatch: ['**/*.test.ts'],
  testEnvironment: 'node',
  moduleFileExtensions: ['js', 'cjs', 'ts', 'json'],
  transform: { '^.+\\.ts$': '<rootDir>/tests/jest/typescript-transform.cjs' },
  globalSetup: '<rootDir>/tests/jest/global-setup.mjs',
  globalTeardown: '<rootDir>/tests/jest/global-teardown.mjs',
  testTimeout: 30_000,
};

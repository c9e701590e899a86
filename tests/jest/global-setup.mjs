// Jest loads globalSetup with Node's own loader, outside its module system, so its transform does not
// apply. The test bed (emulator, demo app) is TypeScript: tsx's tsImport loads it, scoped (nothing else in
// the process is affected). A user's globalSetup is one line: module.exports = require('playwright-okta/jest').warmTokens.
import { tsImport } from 'tsx/esm/api';

export default async function globalSetup(globalConfig) {
  const { setUp } = await tsImport('./setup.ts', import.meta.url);
  await setUp(globalConfig.rootDir);
}

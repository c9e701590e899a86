// Jest loads globalSetup with Node's own loader, outside its module system, so neither the transform nor the
// `.js` → `.ts` mapping applies. tsx's tsImport loads the TypeScript (scoped: nothing else in the process
// is affected), the same way bin/okta-token.js runs the CLI.
import { tsImport } from 'tsx/esm/api';

export default async function globalSetup() {
  const { setUp } = await tsImport('./setup.ts', import.meta.url);
  await setUp();
}

// See global-setup.mjs.
import { tsImport } from 'tsx/esm/api';

export default async function globalTeardown() {
  const { tearDown } = await tsImport('./setup.ts', import.meta.url);
  await tearDown();
}

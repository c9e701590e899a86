#!/usr/bin/env node
// Entry point of `npx okta-token`: registers tsx so the TypeScript CLI runs without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/okta-token.ts');
process.exitCode = await main(process.argv.slice(2));

#!/usr/bin/env node
// `npx okta-token`: the compiled CLI, run as is (no TypeScript loader at run time).
import { main } from '../okta-token.js';

process.exitCode = await main(process.argv.slice(2));

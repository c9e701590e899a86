// The per-run measure's peer, @seontechnologies/playwright-utils, is a dependency of the bench alone
// (bench/package.json and its lock), never of the package: installed into bench/node_modules on the first
// `npm run bench`, from the npm registry, then found there offline. Its peer dependencies are left out
// (--legacy-peer-deps): @playwright/test must stay the repository's one copy, and auth-session needs none
// of the others. Its install script (a git submodule update for its own repository) is not run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { progress } from './log.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
export const PEER_PACKAGE = '@seontechnologies/playwright-utils';

export async function ensurePeerInstalled(): Promise<void> {
  if (existsSync(path.join(benchDir, 'node_modules', PEER_PACKAGE, 'package.json'))) return;
  progress(`installing the bench's own dependency ${PEER_PACKAGE} into bench/node_modules (once)`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--legacy-peer-deps', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: benchDir, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm ci in bench/ failed (exit ${result.status}); run it there by hand to see why`);
}

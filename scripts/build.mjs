// `npm run build`: src/ → dist/. ES modules for every entry but playwright-okta/jest, which is CommonJS
// (dist/cjs) because Jest without --experimental-vm-modules can require() only CommonJS. The JavaScript is
// emitted without comments and the declarations with them (they are what editors show users), which
// keeps the tarball small. dist/ is made afresh (built beside it, then swapped in, so that a process
// using dist/ meanwhile finds it whole), so no file of an earlier layout is ever shipped.
import { execFileSync } from 'node:child_process';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const run = (...args) => execFileSync(process.execPath, [tsc, ...args], { cwd: root, stdio: 'inherit' });

const dist = path.join(root, 'dist');
const next = path.join(root, `dist.next-${process.pid}`);
rmSync(next, { recursive: true, force: true });
try {
  for (const [project, outDir] of [['tsconfig.build.json', next], ['tsconfig.cjs.json', path.join(next, 'cjs')]]) {
    run('-p', project, '--outDir', outDir, '--removeComments', '--declaration', 'false');
    run('-p', project, '--outDir', outDir, '--emitDeclarationOnly');
  }
  writeFileSync(path.join(next, 'cjs', 'package.json'), '{ "type": "commonjs" }\n');
  rmSync(dist, { recursive: true, force: true });
  renameSync(next, dist);
} finally {
  rmSync(next, { recursive: true, force: true });
}

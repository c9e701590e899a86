// `npm run build`: src/ → dist/. ES modules for every entry but playwright-okta/jest, which is CommonJS
// (dist/cjs) because Jest without --experimental-vm-modules can require() only CommonJS. The JavaScript is
// emitted without comments and the declarations with them (they are what editors show users), which
// keeps the tarball small. dist/ is made afresh, so no file of an earlier layout is ever shipped.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const run = (...args) => execFileSync(process.execPath, [tsc, ...args], { cwd: root, stdio: 'inherit' });

rmSync(path.join(root, 'dist'), { recursive: true, force: true });
for (const project of ['tsconfig.build.json', 'tsconfig.cjs.json']) {
  run('-p', project, '--removeComments', '--declaration', 'false');
  run('-p', project, '--emitDeclarationOnly');
}
writeFileSync(path.join(root, 'dist', 'cjs', 'package.json'), '{ "type": "commonjs" }\n');

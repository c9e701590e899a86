// `npm run build`: src/ → dist/. ES modules for every entry but playwright-okta/jest, which is CommonJS
// (dist/cjs) because Jest without --experimental-vm-modules can require() only CommonJS. The JavaScript is
// emitted without comments and the declarations with them (they are what editors show users), which
// keeps the tarball small. dist/ is made afresh (built beside it, then swapped in, so that a process
// using dist/ meanwhile finds it whole), so no file of an earlier layout is ever shipped.
import { execFile } from 'node:child_process';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
/** One tsc run; its diagnostics go to our stdout, and a failure rejects. */
const run = (...args) =>
  new Promise((resolve, reject) => {
    execFile(process.execPath, [tsc, ...args], { cwd: root }, (error, stdout, stderr) => {
      process.stdout.write(stdout);
      process.stderr.write(stderr);
      if (error) reject(new Error(`tsc ${args.join(' ')} failed`));
      else resolve();
    });
  });

const dist = path.join(root, 'dist');
const next = path.join(root, `dist.next-${process.pid}`);
rmSync(next, { recursive: true, force: true });
try {
  // The four passes write disjoint files, so they run at once: the build takes half as long on two cores.
  // All of them finish before a failure is reported, so that none writes into the directory removed below.
  // Each project's JavaScript pass type-checks it; the declaration passes emit the same files without
  // checking again (--noCheck), which halves their time.
  const passes = await Promise.allSettled(
    [['tsconfig.build.json', next], ['tsconfig.cjs.json', path.join(next, 'cjs')]].flatMap(([project, outDir]) => [
      run('-p', project, '--outDir', outDir, '--removeComments', '--declaration', 'false'),
      run('-p', project, '--outDir', outDir, '--emitDeclarationOnly', '--noCheck'),
    ]),
  );
  const failed = passes.filter((pass) => pass.status === 'rejected');
  if (failed.length) {
    // tsc printed the errors; dist/ stays as it was.
    for (const { reason } of failed) console.error(`build: ${reason.message}`);
    process.exitCode = 1;
  } else {
    writeFileSync(path.join(next, 'cjs', 'package.json'), '{ "type": "commonjs" }\n');
    rmSync(dist, { recursive: true, force: true });
    renameSync(next, dist);
  }
} finally {
  rmSync(next, { recursive: true, force: true });
}

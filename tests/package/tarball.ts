// `npm pack` of the repository's build. Packed with --ignore-scripts: prepack would rebuild dist/ while
// other specs of the same run import it (a file rewritten under a reader is a spurious failure there), so
// the spec packs the dist/ that `npm test` (or `npm run build`) made, and refuses a dist/ older than src/.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../support/child-run.js';
import { runOk } from './processes.js';

export interface Tarball {
  file: string;
  /** Bytes, packed and unpacked. */
  size: number;
  unpackedSize: number;
  files: string[];
}

export async function packTarball(destination: string): Promise<Tarball> {
  assertBuildIsFresh();
  const { stdout } = await runOk('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], { cwd: repoRoot });
  const [pack] = JSON.parse(stdout) as Array<{ filename: string; size: number; unpackedSize: number; files: Array<{ path: string }> }>;
  return { file: path.join(destination, pack!.filename), size: pack!.size, unpackedSize: pack!.unpackedSize, files: pack!.files.map((entry) => entry.path) };
}

/** The build ran after the last change to src/ (where each face's output goes is the build's business). */
function assertBuildIsFresh(): void {
  const newest = (dir: string): number =>
    Math.max(0, ...(readdirSync(dir, { recursive: true }) as string[]).map((name) => statSync(path.join(dir, name)).mtimeMs));
  if (newest(path.join(repoRoot, 'dist')) < newest(path.join(repoRoot, 'src'))) {
    throw new Error('dist/ is older than src/: run `npm run build` first');
  }
}

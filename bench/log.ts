// Progress lines: elapsed time since the bench started, then what it is doing. Never a secret.
import { performance } from 'node:perf_hooks';

const started = performance.now();

export function progress(message: string): void {
  const seconds = Math.round((performance.now() - started) / 1000);
  const stamp = `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
  console.log(`bench ${stamp} ${message}`);
}

export function elapsedSeconds(): number {
  return Math.round((performance.now() - started) / 1000);
}

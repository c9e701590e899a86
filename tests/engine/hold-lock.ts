// Child process for the lock tests: takes the engine's lock on the file given as argument, says so, and
// holds it until killed (the way a crashed or killed worker leaves it).
import { withFileLock } from '../../src/engine/lock.js';

const file = process.argv[2]!;
await withFileLock(file, async () => {
  process.stdout.write('locked\n');
  // A timer keeps the process alive (proper-lockfile's own timers are unref'd).
  await new Promise(() => setInterval(() => {}, 1_000));
});

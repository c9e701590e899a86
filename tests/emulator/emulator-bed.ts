// One emulator per spec file, on a port of its own, forgotten (reset) after every test: the bed most
// emulator specs lie in. `onStart` hands the handle to the file's own variable.
import { test } from '@playwright/test';
import { startEmulator, type EmulatorHandle, type StartEmulatorOptions } from '../../src/emulator/index.js';

export function emulatorPerFile(onStart: (emulator: EmulatorHandle) => void, options: Omit<StartEmulatorOptions, 'port'> = {}): void {
  let emulator: EmulatorHandle | undefined;
  test.beforeAll(async () => {
    emulator = await startEmulator({ ...options, port: 0 });
    onStart(emulator);
  });
  test.afterAll(async () => {
    await emulator?.close();
  });
  test.afterEach(() => {
    emulator?.reset();
  });
}

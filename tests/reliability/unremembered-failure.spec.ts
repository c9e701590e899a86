// A bad password whose failure marker cannot be written. The marker is what keeps the other processes of a
// run from retrying a password Okta refused (retries lock accounts), so a write that fails must not pass in
// silence: the login error is still thrown, says that the failure could not be remembered and why, and
// this process does not try that identity again. The failing write is real: the marker's path is taken
// by a directory, which no rename can replace (a read-only directory would not stop root, who runs CI).
import { mkdir } from 'node:fs/promises';
import { test, expect } from '@playwright/test';
import { resolveIdentity } from '../../src/engine/cache-entry.js';
import { acquireTokens, isOktaError, loadConfig, type OktaError } from '../../src/engine/index.js';
import { authnByUser, engineEnv, errorText, secretsIn, useEngineBed } from './support.js';

const bed = useEngineBed({ dirPrefix: 'okta-unremembered-' });
const WRONG = 'Wr0ng-and-secret!';

test('a failure that cannot be written down is thrown with why, and not retried by this process', async () => {
  const config = loadConfig(engineEnv(bed.emulator, bed.dir, { OKTA_PASSWORD: WRONG }));
  const { entry } = resolveIdentity(config, 'default');
  await mkdir(`${entry.file}.failed`);
  const warnings: string[] = [];
  const acquire = () => acquireTokens(config, 'default', { warn: (message) => warnings.push(message) }).then(() => undefined, (error: unknown) => error);

  const first = await acquire();
  expect(isOktaError(first, 'ERR_AUTHN_FAILED'), errorText(first)).toBe(true);
  const message = (first as OktaError).message;
  expect(message).toMatch(/^Okta rejected the credentials of alice@example\.com/);
  expect(message).toContain(`could not be remembered in ${entry.file}.failed: EISDIR`);
  expect(message).toMatch(/other processes of the run may.*make OKTA_CACHE_DIR .* writable/);
  expect(secretsIn(errorText(first), [WRONG])).toEqual([]);
  // The directory in the marker's place is not trusted as a marker, and says so.
  expect(warnings.filter((w) => w.includes(`${entry.file}.failed`))).toEqual([expect.stringMatching(/failure marker .*not a regular file/)]);

  // Asked again in this process: the remembered failure, without a second attempt at Okta.
  const second = await acquire();
  expect(isOktaError(second, 'ERR_AUTHN_FAILED'), errorText(second)).toBe(true);
  expect((second as OktaError).message).toMatch(/Remembered from a login at/);
  expect(authnByUser(bed.emulator)).toEqual({ 'alice@example.com': 1 });
});

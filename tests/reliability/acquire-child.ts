// Child process for the reliability tests that need processes of their own (an in-memory cache or lock
// the test process must not share): one acquireTokens, configured by the environment it is given. Prints
// one JSON line on stdout, `{ source, token }` (a hash of the access token, never the token) or `{ code,
// message }`, and the engine's warnings on stderr, one line each. `--fresh` skips the cached tokens.
import { createHash } from 'node:crypto';
import { acquireTokens, isOktaError, loadConfig } from '../../src/engine/index.js';

const [role = 'default', ...flags] = process.argv.slice(2);
try {
  const acquisition = await acquireTokens(loadConfig(process.env), role, {
    fresh: flags.includes('--fresh'),
    warn: (message) => process.stderr.write(`${message}\n`),
  });
  process.stdout.write(`${JSON.stringify({ source: acquisition.source, token: tokenHash(acquisition.tokens.accessToken) })}\n`);
} catch (error) {
  process.stdout.write(`${JSON.stringify(isOktaError(error) ? { code: error.code, message: error.message } : { code: 'CRASH', message: String(error) })}\n`);
  process.exitCode = 1;
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 16);
}

// `okta-token warm`: every identity (or --role's, --account's) acquired once through the cache, one line
// each on stdout (`okta: user (bob@example.com) logged in in 41 ms`), never a token. Exit 1 when any
// failed, with the usual first stderr line: the failure itself when there was one, else a count naming
// each. playwright-okta/jest runs it in a child process (its CommonJS build cannot load the ESM engine).
import { parseArgs } from 'node:util';
import { isOktaError, loadConfig, warmIdentities, warmLine } from '../engine/index.js';
import { failure, numberFlag } from './flags.js';
import type { Io } from './io.js';

const USAGE = `usage: okta-token warm [--role NAME]... [--account N] [--min-ttl S]

  --role NAME   only this identity (repeatable); default: every configured one
  --account N   only account N (from 0, modulo the pool's size) of each pool; default: every account
  --min-ttl S   reuse cached tokens only with at least S seconds of life left (default 60)`;

export async function warm(argv: string[], io: Io): Promise<number> {
  let roles: string[] | undefined;
  let account: number | undefined;
  let minTtlSeconds: number | undefined;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        role: { type: 'string', multiple: true },
        account: { type: 'string' },
        'min-ttl': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    roles = values.role;
    account = numberFlag('--account', values.account);
    minTtlSeconds = numberFlag('--min-ttl', values['min-ttl']);
  } catch (error) {
    io.stderr(`okta-token: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  try {
    const config = loadConfig(io.env);
    const results = await warmIdentities(config, {
      ...(roles ? { roles } : {}),
      ...(account === undefined ? {} : { account }),
      ...(minTtlSeconds === undefined ? {} : { minTtlSeconds }),
      log: (line) => io.stdout(`${line}\n`),
      warn: (message) => io.stderr(`${message}\n`),
    });
    const failed = results.filter((result) => result.error !== undefined);
    if (failed.length === 0) return 0;
    if (failed.length === 1) {
      io.stderr(`${failure(failed[0]!.error)}\n`);
    } else {
      const first = failed.find((result) => isOktaError(result.error))?.error;
      const code = isOktaError(first) ? first.code : 'ERR_INTERNAL';
      const names = failed.map((result) => `${result.role} (${result.who}): ${isOktaError(result.error) ? result.error.code : 'ERR_INTERNAL'}`);
      io.stderr(`okta-token: ${code}: ${failed.length} of ${results.length} identities could not log in: ${names.join(', ')}. Their lines on stdout say why.\n`);
    }
    return 1;
  } catch (error) {
    io.stderr(`${failure(error)}\n`);
    return 1;
  }
}

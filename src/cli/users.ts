// `okta-token users sweep --older-than 2h`: removes the test users killed runs left (a teardown that never
// ran), found by the login prefix (OKTA_PROVISION_PREFIX, default pwokta) and their creation time, so the
// users of runs still going are left alone. Prints each removed login on stdout, then one summary line;
// never a password, token or key.
import { parseArgs } from 'node:util';
import { readEnv } from '../engine/index.js';
import { sweep } from '../provision/index.js';
import { failure } from './flags.js';
import type { Io } from './io.js';

const USAGE = `usage: okta-token users sweep --older-than AGE

  --older-than AGE  remove test users created at least AGE ago: 90m, 2h, 1d (0m: all of them)

Needs OKTA_ISSUER and a management credential (OKTA_MANAGEMENT_CLIENT_ID + OKTA_MANAGEMENT_PRIVATE_KEY, or
OKTA_API_TOKEN); removes users whose login starts with OKTA_PROVISION_PREFIX (default pwokta) and '-'.`;

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export async function users(argv: string[], io: Io): Promise<number> {
  let olderThanMs: number;
  let olderThan: string;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { 'older-than': { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
      strict: true,
      allowPositionals: true,
    });
    if (values.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (positionals.length !== 1 || positionals[0] !== 'sweep') throw new Error(`unknown users command '${positionals.join(' ')}'`);
    olderThan = values['older-than'] ?? '';
    olderThanMs = age(olderThan);
  } catch (error) {
    io.stderr(`okta-token: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  try {
    const result = await sweep({ env: io.env ?? readEnv(), olderThanMs, warn: (message) => io.stderr(`${message}\n`) });
    for (const login of result.removed) io.stdout(`removed ${login}\n`);
    io.stdout(`okta-token: removed ${result.removed.length} test users ('${result.prefix}-…', created more than ${olderThan} ago); ${result.kept} younger kept; ${result.calls} Management API calls\n`);
    return 0;
  } catch (error) {
    io.stderr(`${failure(error)}\n`);
    return 1;
  }
}

function age(value: string): number {
  const match = value.match(/^(\d+)([smhd])$/);
  if (!match) throw new Error('--older-than needs an age such as 90m, 2h or 1d');
  return Number(match[1]) * UNITS[match[2]!]!;
}

#!/usr/bin/env node
// `npx okta-emulator [--port N] [--seed FILE] [--state FILE]`: run the emulator until SIGINT/SIGTERM.
import { EMULATOR_DEFAULT_PORT, startEmulator } from '../index.js';

const USAGE = 'usage: okta-emulator [--port N] [--seed FILE] [--state FILE]';

interface CliOptions {
  port: number;
  seed?: string;
  stateFile?: string;
}

function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { port: EMULATOR_DEFAULT_PORT };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined || next === '') throw new Error(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--port': {
        const text = value();
        const port = Number(text);
        if (!/^\d+$/.test(text) || port > 65535) throw new Error(`--port must be a number from 0 to 65535, not "${text}"`);
        options.port = port;
        break;
      }
      case '--seed':
        options.seed = value();
        break;
      case '--state':
        options.stateFile = value();
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option "${arg}"`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`okta emulator: ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  let emulator;
  try {
    emulator = await startEmulator({ port: options.port, seed: options.seed, stateFile: options.stateFile });
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    const reason = err.code === 'EADDRINUSE' ? `port ${options.port} is already in use (choose another with --port)` : err.message;
    console.error(`okta emulator: cannot start: ${reason}`);
    process.exit(1);
  }
  console.log(`okta emulator: issuer ${emulator.issuer} (org ${emulator.orgUrl})`);
  // `on`, not `once`: a wrapper (npx, tsx) may relay the same signal again while we are closing.
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    emulator.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();

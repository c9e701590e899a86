// What every handler receives: the raw request and response, the parsed URL, route parameters and the
// emulator's state. Handlers write through http/respond.ts so headers and error shapes stay uniform.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorState } from '../state/emulator-state.js';

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  /** The request method, with HEAD answered as GET. */
  method: string;
  /** The raw path, without query. */
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  state: EmulatorState;
  requestId: string;
}

export type Handler = (ctx: Ctx) => Promise<void> | void;

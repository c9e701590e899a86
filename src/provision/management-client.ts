// A small client for Okta's Management API: every call authenticated (SSWS, or a Bearer token from the org
// server through private_key_jwt), at most `parallel` in flight, counted, and 429s waited out as Okta asks:
// until X-Rate-Limit-Reset by Okta's clock (its Date header, so a skewed local clock does not matter)
// plus a second, within a budget. Nothing else is retried: a POST that timed out may have created a user.
import { OktaError } from '../engine/index.js';
import type { ManagementCredential } from './credential.js';
import { managementError, type OktaApiError } from './management-errors.js';
import { OrgToken } from './org-token.js';
import { send } from './send.js';

export interface ManagementRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** `/api/v1/…`, with its query. */
  path: string;
  body?: unknown;
  /** What the call is for, in messages: "create the user x@example.com". */
  what: string;
  /** The Okta scope it needs, named when the credential lacks it. */
  scope: string;
  /** Statuses besides 2xx the caller handles itself (404 for a user already gone). */
  accept?: number[];
  /** Values in the request (a password, a passcode) that a message must never repeat. */
  secrets?: string[];
}

export interface ManagementResponse {
  status: number;
  json: unknown;
  headers: Headers;
}

export interface ManagementClientOptions {
  /** Calls in flight at once; default 4. */
  parallel?: number;
  /** Longest total wait for rate-limit windows per call; default 2 minutes. */
  rateLimitBudgetMs?: number;
  warn?: (message: string) => void;
}

export class ManagementClient {
  /** Calls made (token requests included): what the run cost. */
  calls = 0;
  private readonly token: OrgToken | undefined;
  private readonly parallel: number;
  private readonly budgetMs: number;
  private readonly warn: (message: string) => void;
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly orgUrl: string, private readonly credential: ManagementCredential, options: ManagementClientOptions = {}) {
    this.token = credential.kind === 'private_key_jwt' ? new OrgToken(orgUrl, credential, () => this.calls++) : undefined;
    this.parallel = options.parallel ?? 4;
    this.budgetMs = options.rateLimitBudgetMs ?? 120_000;
    this.warn = options.warn ?? ((message) => console.warn(message));
  }

  async call(request: ManagementRequest): Promise<ManagementResponse> {
    await this.acquire();
    try {
      return await this.attempt(request);
    } finally {
      this.release();
    }
  }

  private async attempt(request: ManagementRequest): Promise<ManagementResponse> {
    let waited = 0;
    let renewed = false;
    for (;;) {
      const headers: Record<string, string> = { accept: 'application/json', authorization: await this.authorization() };
      if (request.body !== undefined) headers['content-type'] = 'application/json';
      this.calls++;
      const response = await send(`${this.orgUrl}${request.path}`, {
        method: request.method,
        headers,
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      });
      const text = await response.text().catch(() => '');
      if (response.status === 429) {
        const wait = rateLimitWait(response.headers);
        if (waited + wait > this.budgetMs) {
          throw new OktaError('ERR_RATE_LIMITED', `Okta's management rate limit held for longer than ${Math.round(this.budgetMs / 1000)} s while trying to ${request.what}. Provision fewer users per run (OKTA_<ROLE>_COUNT), or raise the service app's rate-limit share.`, { status: 429 });
        }
        this.warn(`okta: Okta's management rate limit was reached; waiting ${Math.ceil(wait / 1000)} s for the window to reset.`);
        waited += wait;
        await new Promise((resolve) => setTimeout(resolve, wait));
        continue;
      }
      // An org token Okta no longer takes (revoked; an emulator restarted): one new token, one more try.
      if (response.status === 401 && this.token && !renewed) {
        this.token.forget();
        renewed = true;
        continue;
      }
      const json = parse(text);
      if (response.ok || request.accept?.includes(response.status)) return { status: response.status, json, headers: response.headers };
      throw managementError({
        method: request.method,
        path: request.path.split('?')[0]!,
        what: request.what,
        scope: request.scope,
        status: response.status,
        body: (json && typeof json === 'object' ? json : {}) as OktaApiError,
        authenticate: response.headers.get('www-authenticate'),
        credential: this.credential.kind,
        secrets: request.secrets ?? [],
      });
    }
  }

  private async authorization(): Promise<string> {
    if (this.credential.kind === 'ssws') return `SSWS ${this.credential.token}`;
    return `Bearer ${await this.token!.get()}`;
  }

  private async acquire(): Promise<void> {
    if (this.active < this.parallel) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next(); // the slot passes straight to the next caller
    else this.active--;
  }
}

/** Okta's reset (epoch seconds) measured against Okta's own clock (Date), plus a second; Retry-After otherwise. */
export function rateLimitWait(headers: Headers, now = Date.now()): number {
  const reset = Number(headers.get('x-rate-limit-reset'));
  const serverNow = Date.parse(headers.get('date') ?? '');
  if (Number.isFinite(reset) && reset > 0) {
    const clock = Number.isFinite(serverNow) ? serverNow : now;
    return Math.max(0, reset * 1000 - clock) + 1000;
  }
  const after = Number(headers.get('retry-after'));
  return (Number.isFinite(after) && after > 0 ? after * 1000 : 0) + 1000;
}

function parse(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

// One HTTP request to Okta's Management API or org token endpoint: undici (HTTPS_PROXY / NO_PROXY honoured),
// a timeout, redirects not followed. A dropped connection or a timeout becomes ERR_IDP_UNREACHABLE naming
// the URL without its query (a search query names the run's logins, nothing secret, but stays short).
import { EnvHttpProxyAgent, fetch, type Dispatcher } from 'undici';
import { OktaError, safeUrl } from '../engine/index.js';

const TIMEOUT_MS = 15_000;
let dispatcher: Dispatcher | undefined;

export interface SendInit {
  method: string;
  headers: Record<string, string>;
  body?: string | URLSearchParams;
}

export async function send(url: string, init: SendInit): Promise<Response> {
  dispatcher ??= new EnvHttpProxyAgent();
  try {
    return (await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS), dispatcher })) as unknown as Response;
  } catch (cause) {
    const what = (cause as Error)?.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS} ms` : 'the connection failed';
    throw new OktaError('ERR_IDP_UNREACHABLE', `The Management API request ${init.method} ${safeUrl(url)} failed: ${what}. Check that OKTA_ISSUER's org is reachable from here.`, { cause, transient: true });
  }
}

// The request contexts `oktaRequest` and `oktaAs(role).request`: the project's own `use` options (its
// `extraHTTPHeaders` included), plus the bearer header on each request whose URL is on the app's origin
// or an origin the user listed (`oktaTokenOrigins`), and on no other: an absolute URL to a third party
// does not get the token. The header is added per request, not to the context, because a context's
// extraHTTPHeaders go to every origin. (Playwright drops Authorization itself on a redirect to another
// origin.) Errors come back without the token (redact.ts), pointing at the test's own line.
import type { APIRequestContext, PlaywrightWorkerArgs } from '@playwright/test';
import { addHint, redactingErrors } from './redact.js';

/** The methods that send a request; each takes (url or Request, options). */
const SENDERS = new Set(['fetch', 'get', 'post', 'put', 'patch', 'delete', 'head']);

export interface BearerRequestOptions {
  /** The app's URL: the context's baseURL, and an origin that gets the token. */
  baseURL: string | undefined;
  /** The project's `use.extraHTTPHeaders`, sent to every origin as Playwright would. */
  extraHTTPHeaders: Record<string, string> | undefined;
  /** More origins that get the token (`oktaTokenOrigins`). */
  tokenOrigins: string[];
  headers: Record<string, string>;
}

export async function bearerRequest(playwright: PlaywrightWorkerArgs['playwright'], options: BearerRequestOptions): Promise<APIRequestContext> {
  const allowed = tokenOriginsOf(options.baseURL, options.tokenOrigins);
  const appOrigin = options.baseURL ? new URL(options.baseURL).origin : undefined;
  const context = await playwright.request.newContext({
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
    ...(options.extraHTTPHeaders ? { extraHTTPHeaders: options.extraHTTPHeaders } : {}),
  });
  const withBearer = new Proxy(context, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (typeof property !== 'string' || !SENDERS.has(property)) return (value as (...a: unknown[]) => unknown).bind(target);
      return (urlOrRequest: string | { url(): string }, init?: { headers?: Record<string, string> }) => {
        const url = targetUrl(urlOrRequest, options.baseURL);
        const gets = url !== undefined && allowed.has(url.origin) && !hasAuthorization(init?.headers);
        // The test's own per-request headers win; the bearer comes after the project's extraHTTPHeaders.
        const sent = gets ? { ...init, headers: { ...options.headers, ...init?.headers } } : init;
        const result = (value as (...a: unknown[]) => Promise<unknown>).call(target, urlOrRequest, sent);
        return result.catch((error: unknown) => {
          throw url && url.origin === appOrigin ? notRunningHint(error, url) : error;
        });
      };
    },
  });
  return redactingErrors(withBearer);
}

/** `{ origin }` of the app and of every listed origin; a listed value that is not a URL is an error. */
export function tokenOriginsOf(baseURL: string | undefined, listed: string[]): Set<string> {
  const origins = new Set<string>();
  if (baseURL) origins.add(new URL(baseURL).origin);
  for (const entry of listed) {
    let origin: string;
    try {
      origin = new URL(entry).origin;
    } catch {
      throw new Error(`oktaTokenOrigins: ${JSON.stringify(entry)} is not a URL. Recommended fix: list origins such as 'https://api.example.com'.`);
    }
    if (origin === 'null') throw new Error(`oktaTokenOrigins: ${JSON.stringify(entry)} has no origin. Recommended fix: use an http(s) URL.`);
    origins.add(origin);
  }
  return origins;
}

// Resolved the way Playwright resolves it against baseURL; undefined when it cannot be (Playwright then
// reports the bad URL itself, and no token was added).
function targetUrl(urlOrRequest: string | { url(): string }, baseURL: string | undefined): URL | undefined {
  try {
    return new URL(typeof urlOrRequest === 'string' ? urlOrRequest : urlOrRequest.url(), baseURL);
  } catch {
    return undefined;
  }
}

function hasAuthorization(headers: Record<string, string> | undefined): boolean {
  return Object.keys(headers ?? {}).some((name) => name.toLowerCase() === 'authorization');
}

function notRunningHint(error: unknown, url: URL): unknown {
  if (!(error instanceof Error) || !/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH/.test(error.message)) return error;
  return addHint(error, `Is your app running at APP_BASE_URL (${url.origin})?`);
}

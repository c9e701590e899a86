// Writing responses: JSON the way Okta types it, HTML pages, redirects, and both error shapes.
import type { Ctx } from './context.js';
import { apiError, type ApiErrorCode, type OAuthError } from '../lib/errors.js';

export const JSON_TYPE = 'application/json;charset=UTF-8';
export const HTML_TYPE = 'text/html;charset=UTF-8';

export function sendJson(ctx: Ctx, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  ctx.res.writeHead(status, { 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(text), ...headers });
  ctx.res.end(text);
}

/** Token-bearing answers must never be cached (Okta: `Cache-Control: no-cache, no-store`). */
export function sendNoStoreJson(ctx: Ctx, status: number, body: unknown): void {
  sendJson(ctx, status, body, { 'Cache-Control': 'no-cache, no-store', Pragma: 'no-cache', Expires: '0' });
}

export function sendHtml(ctx: Ctx, status: number, html: string, headers: Record<string, string> = {}): void {
  ctx.res.writeHead(status, {
    'Content-Type': HTML_TYPE,
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-cache, no-store',
    ...headers,
  });
  ctx.res.end(html);
}

export function sendEmpty(ctx: Ctx, status: number, headers: Record<string, string> = {}): void {
  ctx.res.writeHead(status, { 'Content-Length': '0', ...headers });
  ctx.res.end();
}

export function redirect(ctx: Ctx, location: string): void {
  sendEmpty(ctx, 302, { Location: location, 'Cache-Control': 'no-cache, no-store' });
}

export function sendApiError(
  ctx: Ctx,
  code: ApiErrorCode,
  options: { detail?: string; causes?: string[]; status?: number; headers?: Record<string, string> } = {},
): void {
  const error = apiError(code, options);
  sendJson(ctx, error.status, error.body, options.headers);
}

export function sendOAuthError(ctx: Ctx, error: OAuthError, headers: Record<string, string> = {}): void {
  sendJson(
    ctx,
    error.status,
    { error: error.error, error_description: error.description },
    { 'Cache-Control': 'no-cache, no-store', Pragma: 'no-cache', ...headers },
  );
}

/** Adds a `Set-Cookie` line without dropping the ones already set (sid and its clearing may both be sent). */
export function appendCookie(ctx: Ctx, cookie: string): void {
  const existing = ctx.res.getHeader('Set-Cookie');
  const list = Array.isArray(existing) ? existing : existing === undefined ? [] : [String(existing)];
  ctx.res.setHeader('Set-Cookie', [...list, cookie]);
}

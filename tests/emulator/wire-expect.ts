// Assertions the contract tests share: headers that matter, shapes against fixtures, Okta's two error shapes.
import { expect } from '@playwright/test';
import { fixtureBody, loadFixture, shapeDiff, type ShapeRules } from './wire-fixtures.js';
import { jsonObject, type WireResponse } from './wire-http.js';

/** The media type of Content-Type, lower case, parameters dropped (`application/json;charset=UTF-8` → `application/json`). */
export function mediaType(res: WireResponse): string {
  return (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

export interface HeaderExpectations {
  /** `application/json` or `text/html`; undefined = not checked (e.g. a bodiless redirect). */
  contentType?: 'application/json' | 'text/html';
  /** X-Rate-Limit-Limit/-Remaining/-Reset, as Okta's recordings show on authn, authorize, token and userinfo. */
  rateLimit?: boolean;
  /** `Cache-Control: no-cache, no-store`, as on Okta's token answers. */
  noStore?: boolean;
}

/** Every Okta answer carries X-Okta-Request-Id; the rest as asked. */
export function expectHeaders(res: WireResponse, what: HeaderExpectations, label: string): void {
  expect(res.headers.get('x-okta-request-id'), `${label}: X-Okta-Request-Id`).toMatch(/^\S+$/);
  if (what.contentType) expect(mediaType(res), `${label}: Content-Type`).toBe(what.contentType);
  if (what.rateLimit) {
    const now = Math.floor(Date.now() / 1000);
    const limit = res.headers.get('x-rate-limit-limit');
    const remaining = res.headers.get('x-rate-limit-remaining');
    const reset = res.headers.get('x-rate-limit-reset');
    expect(limit, `${label}: X-Rate-Limit-Limit`).toMatch(/^\d+$/);
    expect(remaining, `${label}: X-Rate-Limit-Remaining`).toMatch(/^\d+$/);
    expect(reset, `${label}: X-Rate-Limit-Reset (epoch seconds)`).toMatch(/^\d+$/);
    expect(Number(remaining), `${label}: remaining ≤ limit`).toBeLessThanOrEqual(Number(limit));
    // Epoch seconds, not a delta: within a day of now.
    expect(Math.abs(Number(reset) - now), `${label}: X-Rate-Limit-Reset is epoch seconds near now`).toBeLessThan(86_400);
  }
  if (what.noStore) {
    const cc = (res.headers.get('cache-control') ?? '').toLowerCase();
    expect(cc, `${label}: Cache-Control has no-store`).toContain('no-store');
    expect(cc, `${label}: Cache-Control has no-cache`).toContain('no-cache');
  }
}

/** The body has the fixture's shape (keys and JSON types), bar the documented allowances. */
export function expectShape(actual: unknown, expected: unknown, rules: ShapeRules, label: string): void {
  expect(shapeDiff(expected, actual, rules), `${label}: shape differs from the fixture`).toEqual([]);
}

/** Shape against each named fixture, with per-fixture allowances. */
export function expectShapeOf(actual: unknown, fixtures: Record<string, ShapeRules>): void {
  for (const [name, rules] of Object.entries(fixtures)) expectShape(actual, fixtureBody(name), rules, name);
}

/**
 * Okta's API error (`{errorCode, errorSummary, errorLink, errorId, errorCauses}`): the fixture's status, code,
 * summary (or the given one, for summaries naming a resource), link and causes; errorId is an id (shape only).
 */
export function expectOktaError(res: WireResponse, fixtureName: string, label: string, errorSummary?: string): void {
  const fixture = loadFixture(fixtureName);
  const want = fixture.body as Record<string, unknown>;
  expect(res.status, `${label}: status (${fixtureName})`).toBe(fixture.status);
  expectHeaders(res, { contentType: 'application/json' }, label);
  const body = jsonObject(res);
  expectShape(body, want, {}, `${label} (${fixtureName})`);
  expect(body.errorCode, `${label}: errorCode`).toBe(want.errorCode);
  expect(body.errorSummary, `${label}: errorSummary`).toBe(errorSummary ?? want.errorSummary);
  expect(body.errorLink, `${label}: errorLink`).toBe(want.errorLink);
  expect(body.errorCauses, `${label}: errorCauses`).toEqual(want.errorCauses);
}

/**
 * An OAuth error (`{error, error_description}`): status and code exact; the description is one of the texts Okta
 * documents for this condition (each given with where it comes from).
 */
export function expectOAuthError(
  res: WireResponse,
  want: { status: number; error: string; descriptions: (string | RegExp)[] },
  label: string,
): void {
  expect(res.status, `${label}: status`).toBe(want.status);
  expectHeaders(res, { contentType: 'application/json' }, label);
  const body = jsonObject(res);
  expectShape(body, { error: '', error_description: '' }, {}, label);
  expect(body.error, `${label}: error`).toBe(want.error);
  const description = String(body.error_description);
  const ok = want.descriptions.some((d) => (typeof d === 'string' ? d === description : d.test(description)));
  expect(ok, `${label}: error_description "${description}" is one of Okta's texts: ${want.descriptions.map(String).join(' | ')}`).toBe(true);
}

/** A Set-Cookie line for `sid` with a value, `Path=/` and `HttpOnly`, as Okta's authorize recordings show. */
export function expectSidCookie(res: WireResponse, label: string): void {
  const line = res.setCookies.find((l) => /^sid=[^;"]+/.test(l));
  expect(line !== undefined, `${label}: Set-Cookie sid=… with a value`).toBe(true);
  const attrs = line!.split(';').slice(1).map((a) => a.trim().toLowerCase());
  expect(attrs, `${label}: sid cookie has Path=/`).toContain('path=/');
  expect(attrs, `${label}: sid cookie is HttpOnly`).toContain('httponly');
}

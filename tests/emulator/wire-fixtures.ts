// Okta's wire fixtures (tests/emulator/okta-wire: recordings and documented examples, each with its source in
// INDEX.md; vendored so that a clone runs the contract tests on its own) and the one comparison the contract
// tests make with them: JSON shape (keys and JSON types, recursively), with explicit, reasoned allow-lists.
// Values that differ by design (ids, JWTs, dates) are not compared here; codes, texts and statuses are
// compared by the tests themselves.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: two levels above tests/emulator/. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** `tests/emulator/okta-wire`: recordings and documented examples of Okta's answers. */
export const wireDir = path.join(repoRoot, 'tests', 'emulator', 'okta-wire');

export interface WireFixture {
  _source: Record<string, unknown>;
  request?: { method: string; url: string; headers: Record<string, string> };
  status: number | null;
  headers?: Record<string, string | string[]> | null;
  body: unknown;
}

/** Reads one fixture; a missing folder or file is an error that says where it was looked for. */
export function loadFixture(name: string): WireFixture {
  if (!existsSync(wireDir)) {
    throw new Error(
      `Okta wire fixtures not found: expected the folder ${wireDir}. The emulator's contract tests compare its ` +
        `answers with these recordings and cannot run without them; restore the folder from git rather than skipping the tests.`,
    );
  }
  const file = path.join(wireDir, name);
  if (!existsSync(file)) {
    throw new Error(`Okta wire fixture ${name} not found in ${wireDir}; see ${path.join(wireDir, 'INDEX.md')}.`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as WireFixture;
}

/** The fixture's body as a JSON object (throws when the fixture has none). */
export function fixtureBody(name: string): Record<string, unknown> {
  const body = loadFixture(name).body;
  if (!isObject(body)) throw new Error(`fixture ${name} has no JSON object body`);
  return body;
}

/** A JWT from a recording, decoded without verification (its shape is the evidence, not its signature). */
export function fixtureJwtPayload(name: string, field: string): Record<string, unknown> {
  const token = fixtureBody(name)[field];
  if (typeof token !== 'string') throw new Error(`fixture ${name} has no ${field}`);
  return decodeJwt(token).payload;
}

export function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error(`not a compact JWS: ${parts.length} parts`);
  const part = (s: string): Record<string, unknown> => JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
  return { header: part(parts[0]!), payload: part(parts[1]!) };
}

export type JsonType = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';

export function jsonType(value: unknown): JsonType | 'undefined' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  if (t === 'string' || t === 'number' || t === 'boolean' || t === 'object') return t;
  return 'undefined';
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return jsonType(value) === 'object';
}

/**
 * Differences the fixture allows, each with the reason it is allowed. Paths: `$` is the body, `.key` a member,
 * `[]` any array element, `*` any one key. Example: `$._embedded.factors[].vendorName`.
 */
export interface ShapeRules {
  /** Keys the fixture has that Okta sends only sometimes: the emulator may leave them out. */
  optional?: Record<string, string>;
  /** Keys the fixture lacks that other Okta evidence shows: the emulator may add them (not compared further). */
  extra?: Record<string, string>;
  /** Objects keyed by ids (e.g. factorsPolicyInfo by factor id): each member is compared with the fixture's first. */
  maps?: Record<string, string>;
}

function pathMatcher(patterns: Record<string, string> | undefined): (p: string) => boolean {
  const regexes = Object.keys(patterns ?? {}).map(
    (p) =>
      new RegExp(
        '^' +
          p
            .split('*')
            .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
            .join('[^.\\[]+') +
          '$',
      ),
  );
  return (p) => regexes.some((r) => r.test(p));
}

/**
 * Compares `actual` with `expected` by shape: the same keys (bar the rules' allowances) with the same JSON
 * types, recursively. A `null` in a fixture is a nullable field (Okta sends null until the event happens, then
 * a string such as a date): the emulator may send null or a string there. An array's elements must each
 * match one of the fixture's elements (fixtures list mixed elements, e.g. factors of several types); an empty
 * array in a fixture says nothing about element shapes. Returns the differences as `path: what` lines, which
 * name paths and types only, never values (values may be secrets).
 */
export function shapeDiff(expected: unknown, actual: unknown, rules: ShapeRules = {}): string[] {
  const isOptional = pathMatcher(rules.optional);
  const isExtra = pathMatcher(rules.extra);
  const isMap = pathMatcher(rules.maps);
  const walk = (exp: unknown, act: unknown, at: string): string[] => {
    const et = jsonType(exp);
    const atype = jsonType(act);
    if (et === 'null') {
      return atype === 'null' || atype === 'string' ? [] : [`${at}: expected null or string, got ${atype}`];
    }
    if (et !== atype) return [`${at}: expected ${et}, got ${atype}`];
    if (et === 'object' && isMap(at)) {
      const sample = Object.values(exp as Record<string, unknown>)[0];
      if (sample === undefined) return [];
      return Object.values(act as Record<string, unknown>).flatMap((member) => walk(sample, member, `${at}.*`));
    }
    if (et === 'object') {
      const e = exp as Record<string, unknown>;
      const a = act as Record<string, unknown>;
      const out: string[] = [];
      for (const key of Object.keys(e)) {
        const p = `${at}.${key}`;
        if (!(key in a)) {
          if (!isOptional(p)) out.push(`${p}: missing (${jsonType(e[key])} in the fixture)`);
          continue;
        }
        out.push(...walk(e[key], a[key], p));
      }
      for (const key of Object.keys(a)) {
        const p = `${at}.${key}`;
        if (!(key in e) && !isExtra(p)) out.push(`${p}: not in the fixture (${jsonType(a[key])})`);
      }
      return out;
    }
    if (et === 'array') {
      const e = exp as unknown[];
      const a = act as unknown[];
      if (e.length === 0) return [];
      const out: string[] = [];
      a.forEach((item, i) => {
        let best: string[] | undefined;
        for (const candidate of e) {
          const d = walk(candidate, item, `${at}[]`);
          if (d.length === 0) return;
          if (!best || d.length < best.length) best = d;
        }
        out.push(...(best ?? []).map((line) => `${line} (element ${i})`));
      });
      return out;
    }
    return [];
  };
  return walk(expected, actual, '$');
}

/** The body without the given top-level keys (for a fixture that stands for a case with fewer members). */
export function without(body: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([k]) => !keys.includes(k)));
}

/** A catalog text with its `{0}`-style placeholder (rendered as "en" or "{1}") matched by any text. */
export function catalogPattern(text: string): RegExp {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp('^' + escaped.replace(/\\\{\d\\\}|\ben\b/g, '.*') + '$');
}

/** The description the live error catalog (oauth2-error-codes.catalog.json) gives an internal error code. */
export function oauthCatalogText(internalErrorCode: string): { status: number; error: string; description: string } {
  const catalog = JSON.parse(readFileSync(path.join(wireDir, 'oauth2-error-codes.catalog.json'), 'utf8')) as {
    errors: { statusCode: number; internalErrorCode: string; errorCode: string; errorDescription: string }[];
  };
  const hit = catalog.errors.find((e) => e.internalErrorCode === internalErrorCode);
  if (!hit) throw new Error(`oauth2-error-codes.catalog.json has no ${internalErrorCode}`);
  return { status: hit.statusCode, error: hit.errorCode, description: hit.errorDescription };
}

/** Decodes the few entities an HTML page uses for quotes and markup, and drops tags, to compare its text. */
export function htmlText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#39;|&#x27;|&apos;/gi, "'")
    .replace(/&quot;|&#34;|&#x22;/gi, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

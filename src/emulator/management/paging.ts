// Okta's cursor paging: `limit` items at most, `after` = the last id of the previous page (opaque to
// clients), and Link headers `rel="self"` and, when more follow, `rel="next"` with the other query
// parameters kept. Items are ordered by id, so a cursor stays valid while items before it are deleted.
import type { Ctx } from '../http/context.js';

export interface PageRules {
  defaultLimit: number;
  maxLimit: number;
}

export interface Page<T> {
  items: T[];
  links: string[];
}

/** The page `ctx.query` asks for; `null` when `limit` is not a positive integer (answer E0000001). */
export function page<T extends { id: string }>(ctx: Ctx, all: T[], rules: PageRules): Page<T> | null {
  const rawLimit = ctx.query.get('limit');
  const limit = rawLimit === null ? rules.defaultLimit : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1) return null;
  const size = Math.min(limit, rules.maxLimit);
  const after = ctx.query.get('after');
  const sorted = [...all].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rest = after ? sorted.filter((item) => item.id > after) : sorted;
  const items = rest.slice(0, size);
  const links = [`<${link(ctx, after, rawLimit)}>; rel="self"`];
  if (rest.length > size) links.push(`<${link(ctx, items[items.length - 1]!.id, String(size))}>; rel="next"`);
  return { items, links };
}

function link(ctx: Ctx, after: string | null, limit: string | null): string {
  const query = new URLSearchParams(ctx.query);
  query.delete('after');
  query.delete('limit');
  if (after) query.set('after', after);
  if (limit !== null) query.set('limit', limit);
  const text = query.toString().replace(/\+/g, '%20');
  return `${ctx.state.orgUrl}${ctx.path}${text ? `?${text}` : ''}`;
}

// A small path router: `/oauth2/:server/v1/token` style patterns, exact segment counts, and an answer to
// "which methods does this path allow" so a wrong method gets 405 with `Allow` instead of 404.
import type { Handler } from './context.js';

export interface Route {
  method: string;
  pattern: string;
  handler: Handler;
}

interface Compiled extends Route {
  segments: string[];
}

export interface Match {
  handler: Handler;
  params: Record<string, string>;
}

export class Router {
  private readonly routes: Compiled[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, pattern, handler, segments: pattern.split('/').slice(1) });
    return this;
  }

  /** The handler for this method and path, if any. */
  find(method: string, path: string): Match | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const params = matchSegments(route.segments, path);
      if (params) return { handler: route.handler, params };
    }
    return undefined;
  }

  /** The methods some route accepts on this path (empty: the path is unknown). */
  allowed(path: string): string[] {
    const methods = new Set<string>();
    for (const route of this.routes) if (matchSegments(route.segments, path)) methods.add(route.method);
    return [...methods];
  }
}

function matchSegments(pattern: string[], path: string): Record<string, string> | undefined {
  const parts = path.split('/').slice(1);
  if (parts.length !== pattern.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i]!;
    const actual = parts[i]!;
    if (expected.startsWith(':')) {
      if (actual === '') return undefined;
      try {
        params[expected.slice(1)] = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
    } else if (expected !== actual) {
      return undefined;
    }
  }
  return params;
}

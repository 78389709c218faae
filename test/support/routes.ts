import type { Express } from 'express';
import { match } from 'path-to-regexp';

export type Route = { method: string; path: string };

/** Every route registered on the app, as Express 5 (router 2) keeps them (used by test/platform/routes.test.ts and test/hostile). */
export function registeredRoutes(app: Express): Route[] {
  const router = (
    app as unknown as { router: { stack: Array<{ route?: { path: unknown; methods: Record<string, boolean> } }> } }
  ).router;
  const routes: Route[] = [];
  for (const layer of router.stack) {
    if (!layer.route) continue;
    const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
    for (const p of paths) {
      if (typeof p !== 'string') throw new Error(`route path that is not a string: ${String(p)}`);
      for (const [method, on] of Object.entries(layer.route.methods)) {
        if (on && method !== '_all') routes.push({ method: method.toUpperCase(), path: p });
      }
    }
  }
  return routes;
}

/** The registered pattern a concrete URL path belongs to (first match, as Express dispatches). */
export function patternOf(routes: Route[], method: string, url: string): string | null {
  const pathname = url.split('?')[0];
  for (const r of routes) {
    if (r.method !== method) continue;
    if (match(r.path, { decode: decodeURIComponent })(pathname)) return r.path;
  }
  return null;
}

/** The names of a pattern's parameters, in order: '/a/:id/b/:bidId' -> ['id', 'bidId']. */
export function paramsOf(path: string): string[] {
  return [...path.matchAll(/:(\w+)/g)].map((m) => m[1]);
}

import type express from 'express';

/** A route the HTTP app answers: its method and path as mounted (`:name` for a parameter). */
export interface MountedRoute {
  readonly method: string;
  readonly path: string;
}

/** What Express 5's router keeps of each `use` and route; not in its types. */
interface Layer {
  readonly rawPath?: string;
  readonly route?: { readonly path: string | readonly string[]; readonly methods: Readonly<Record<string, boolean>> };
  readonly handle?: { readonly stack?: readonly Layer[] };
}

/**
 * Every route of the app, read from its router (each router mounted on it, at any depth): what a
 * check that must cover every route (hostile input, a tenant's reach) enumerates, so that a route
 * added later is covered without a list to keep. An Express app mounted on it (`subApps`, at its
 * root) keeps its router out of the parent's reach, so it is named here.
 */
export function mountedRoutes(app: express.Express, subApps: readonly express.Express[] = []): MountedRoute[] {
  const routes = [app, ...subApps].flatMap((each) =>
    routesOf((each as unknown as { router: { stack: readonly Layer[] } }).router.stack, ''),
  );
  const seen = new Set<string>();
  return routes.filter(({ method, path }) => !seen.has(`${method} ${path}`) && Boolean(seen.add(`${method} ${path}`)));
}

function routesOf(stack: readonly Layer[], prefix: string): MountedRoute[] {
  return stack.flatMap((layer): MountedRoute[] => {
    if (layer.route) {
      const paths = typeof layer.route.path === 'string' ? [layer.route.path] : layer.route.path;
      return paths.flatMap((path) =>
        Object.keys(layer.route!.methods)
          .filter((method) => method !== '_all')
          .map((method) => ({ method: method.toUpperCase(), path: join(prefix, path) })),
      );
    }
    const inner = layer.handle?.stack;
    return inner ? routesOf(inner, join(prefix, layer.rawPath ?? '')) : [];
  });
}

const join = (prefix: string, path: string) => `${prefix}/${path}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');

import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** A file of the dashboard, served from memory under /dashboard/assets/ by its hashed name. */
export interface DashboardFile {
  readonly body: Uint8Array;
  /** Its media type. */
  readonly type: string;
  /** A strong ETag: the hash of the body. */
  readonly etag: string;
}

export interface DashboardAssets {
  /** The one page: every path under /dashboard answers it, and the script draws what the path names. */
  readonly html: string;
  /** By name (e.g. `main-3KQ2ZJ5L.js`); the name changes with the content, so they can be cached for good. */
  readonly files: ReadonlyMap<string, DashboardFile>;
}

/** Where the page asks for its files. */
export const ASSETS_PATH = '/dashboard/assets/';

const ENTRY = fileURLToPath(new URL('./client/main.tsx', import.meta.url));
const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * The dashboard bundled in process by esbuild (about a tenth of a second), so that `npm start` is
 * all a newcomer runs: no build step to know of. `npm run build -w @steward/dashboard` writes the
 * same files to disk for those who serve them otherwise.
 */
export async function dashboardAssets(options: { readonly minify?: boolean } = {}): Promise<DashboardAssets> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    outdir: 'out',
    entryNames: '[name]-[hash]',
    format: 'esm',
    platform: 'browser',
    target: ['chrome120', 'edge120', 'firefox120', 'safari17'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: options.minify ?? true,
    legalComments: 'none',
    // Russian and French as UTF-8, not \u escapes: a third smaller.
    charset: 'utf8',
    logLevel: 'silent',
  });
  const files = new Map<string, DashboardFile>();
  for (const output of result.outputFiles) {
    const name = output.path.slice(output.path.lastIndexOf('/') + 1);
    const type = TYPES[name.slice(name.lastIndexOf('.'))];
    if (!type) continue;
    files.set(name, {
      body: output.contents,
      type,
      etag: `"${createHash('sha256').update(output.contents).digest('base64url').slice(0, 27)}"`,
    });
  }
  const names = [...files.keys()];
  const script = names.find((name) => name.endsWith('.js'));
  const style = names.find((name) => name.endsWith('.css'));
  if (!script || !style) throw new Error(`the dashboard bundle lacks its script or its style: ${names.join(', ')}`);
  return { html: page(ASSETS_PATH + script, ASSETS_PATH + style), files };
}

/** The page before the script draws it: only its frame, so that it says something while loading. */
function page(script: string, style: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Group Steward</title>
<link rel="stylesheet" href="${style}">
<script type="module" src="${script}"></script>
</head>
<body>
<div id="app"></div>
</body>
</html>
`;
}

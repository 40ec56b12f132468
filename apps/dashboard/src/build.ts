import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dashboardAssets } from './index.ts';

// `npm run build -w @steward/dashboard`: the dashboard as static files in apps/dashboard/dist,
// for those who serve them from elsewhere. The server needs none of this: it bundles at start.
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const assets = await dashboardAssets();
await rm(dist, { recursive: true, force: true });
await mkdir(join(dist, 'assets'), { recursive: true });
await writeFile(join(dist, 'index.html'), assets.html);
for (const [name, file] of assets.files) await writeFile(join(dist, 'assets', name), file.body);
console.log(`dashboard written to ${dist}: index.html and ${[...assets.files.keys()].join(', ')}`);

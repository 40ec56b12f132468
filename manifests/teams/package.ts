// npm run package:teams [-- out.zip]: builds the Teams app package, dist/teams/group-steward.zip
// by default, from manifest.json and the two icons beside this file, with TEAMS_APP_ID and
// STEWARD_PUBLIC_HOST substituted. Prints one line per problem and exits 1 when there is any.
// The checks themselves live in package-checks.ts; this file only reads, prints and writes.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPackage, loadTeamsSchema, PLACEHOLDER_APP_ID, PLACEHOLDER_HOST, readSettings } from './package-checks.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const out = resolve(process.argv[2] ?? join(root, 'dist/teams/group-steward.zip'));

const { settings, problems } = readSettings(process.env);

let manifest: unknown;
try {
  manifest = JSON.parse(readFileSync(join(here, 'manifest.json'), 'utf8'));
} catch (error) {
  problems.push(`manifests/teams/manifest.json: ${(error as Error).message}`);
}

const loaded =
  manifest === undefined ? null : loadTeamsSchema((manifest as { manifestVersion?: unknown }).manifestVersion);
if (loaded !== null && 'problem' in loaded) problems.push(loaded.problem);

if (loaded !== null && 'schema' in loaded) {
  const readFile = (name: string) => (existsSync(join(here, name)) ? readFileSync(join(here, name)) : null);
  // With invalid settings the committed manifest is checked as it is, so that every problem shows
  // at once; there is then no zip to write.
  const placeholders = { appId: PLACEHOLDER_APP_ID, host: PLACEHOLDER_HOST };
  const built = buildPackage({ manifest, schema: loaded.schema, readFile }, settings ?? placeholders);
  problems.push(...built.problems);
  if (settings !== null && built.zip !== null) {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, built.zip);
    const shown = out.startsWith(process.cwd() + sep) ? relative(process.cwd(), out) : out;
    const version = (manifest as { manifestVersion: string }).manifestVersion;
    console.log(`package:teams: wrote ${shown}: manifest v${version}, app ${settings.appId}, host ${settings.host}`);
    if (settings.host === PLACEHOLDER_HOST) {
      console.log(`note: STEWARD_PUBLIC_HOST is not set, so the package points at ${PLACEHOLDER_HOST}`);
    }
  }
}

if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  console.error(`package:teams failed: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  process.exitCode = 1;
}

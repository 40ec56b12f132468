// npm run manifest:check: compares manifests/slack/manifest.yaml with apps/slack/src and prints
// one line per problem (exit 1) or a one-line summary (exit 0). The comparison itself lives in
// manifests/slack/compare.ts; this file only reads files and prints.

import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { compare, readManifest } from './slack/compare.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifestPath = join(root, 'manifests/slack/manifest.yaml');
const sourceDir = join(root, 'apps/slack/src');

let manifest: unknown;
try {
  manifest = parse(await readFile(manifestPath, 'utf8'));
} catch (error) {
  // A YAML error message spans several lines (with a code frame); its first says what and where.
  console.error(`${relative(root, manifestPath)}: ${(error as Error).message.split('\n')[0]?.replace(/:$/, '')}`);
  process.exit(1);
}

const sources = new Map<string, string>();
const entries = await readdir(sourceDir, { recursive: true }).catch((error: unknown) => {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
  throw error;
});
for (const entry of entries.sort()) {
  if (!entry.endsWith('.ts') || entry.endsWith('.d.ts')) continue;
  const path = join(sourceDir, entry);
  sources.set(relative(root, path), await readFile(path, 'utf8'));
}

// With no source every declaration would look unused; one clear line says why instead.
const problems =
  sources.size === 0
    ? [`no TypeScript files under ${relative(root, sourceDir)}: nothing to compare the manifest with`]
    : compare({ manifest, sources }).map((problem) => problem.message);

if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  console.error(`manifest:check failed: ${count(problems.length, 'problem')}`);
  process.exitCode = 1;
} else {
  const { facts } = readManifest(manifest);
  console.log(
    `manifest:check passed: ${count(facts.botEvents.length, 'bot event')}, ${count(facts.commands.length, 'command')} ` +
      `and ${count(facts.botScopes.length, 'bot scope')} match ${count(sources.size, 'file')} under ${relative(root, sourceDir)}`,
  );
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

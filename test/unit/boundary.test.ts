import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const CORE = join(ROOT, 'core/src');

/** The only core folders allowed to speak to a database or a scheduler library. */
const ADAPTER_FOLDERS = ['core/src/stores/', 'core/src/scheduler/'];

const FORBIDDEN = [
  /^@slack\//,
  /^@microsoft\//,
  /^pg$/,
  /^pg\//,
  /^@electric-sql\//,
  /^mongoose$/,
  /^mongodb$/,
  /^agenda$/,
  /^@agendajs\//,
];

/** Module names a TypeScript source imports, statically or dynamically. */
function importedModules(source: string): string[] {
  const pattern =
    /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;
  return [...source.matchAll(pattern)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

function forbiddenImports(source: string): string[] {
  return importedModules(source).filter((name) => FORBIDDEN.some((rule) => rule.test(name)));
}

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => join(e.parentPath, e.name));
}

describe('core boundary', () => {
  it('recognises every way of importing a forbidden library', () => {
    const source = [
      "import pg from 'pg';",
      "import type { App } from '@slack/bolt';",
      "export { x } from '@microsoft/teams.apps';",
      "const m = await import('mongoose');",
      "import 'agenda';",
      "import { PGlite } from '@electric-sql/pglite';",
      "import { z } from 'zod';",
      "import { ok } from '../errors.ts';",
      "import { MongoBackend } from '@agendajs/mongo-backend';",
    ].join('\n');
    expect(forbiddenImports(source)).toEqual([
      'pg',
      '@slack/bolt',
      '@microsoft/teams.apps',
      'mongoose',
      'agenda',
      '@electric-sql/pglite',
      '@agendajs/mongo-backend',
    ]);
  });

  it('keeps platform, database and scheduler libraries out of the core outside its adapter folders', async () => {
    const files = await sourceFiles(CORE);
    expect(files.length).toBeGreaterThan(20);
    const offenders: string[] = [];
    for (const file of files) {
      const path = relative(ROOT, file);
      if (ADAPTER_FOLDERS.some((folder) => path.startsWith(folder))) continue;
      for (const name of forbiddenImports(await readFile(file, 'utf8'))) offenders.push(`${path} imports ${name}`);
    }
    expect(offenders).toEqual([]);
  });
});

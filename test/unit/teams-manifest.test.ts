import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { drawColorIcon, drawOutlineIcon, encodePng } from '../../manifests/teams/make-icons.ts';
import {
  buildPackage,
  checkIcon,
  loadTeamsSchema,
  PLACEHOLDER_APP_ID,
  PLACEHOLDER_HOST,
  readPng,
  readSettings,
  schemaUrl,
  substitute,
  validateManifest,
} from '../../manifests/teams/package-checks.ts';
import type { Json } from '../support/json.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TEAMS = join(ROOT, 'manifests/teams');
const APP_ID = '6f1c2d3e-1111-4222-8333-944455556666';
const HOST = 'steward.contoso.com';
const SETTINGS = { appId: APP_ID, host: HOST };

// Parsed JSON, which the tests read and break freely.
type Manifest = Json;
const committed = (): Manifest => JSON.parse(readFileSync(join(TEAMS, 'manifest.json'), 'utf8'));
const file = (name: string) => readFileSync(join(TEAMS, name));

function schemaOf(manifest: Manifest): object {
  const loaded = loadTeamsSchema(manifest.manifestVersion);
  if (!('schema' in loaded)) throw new Error(loaded.problem);
  return loaded.schema;
}

describe('Teams manifest', () => {
  it('is at manifest v1.24 or later and validates, as committed, against the official schema of its version', () => {
    const manifest = committed();
    const [major = 0, minor = 0] = String(manifest.manifestVersion).split('.').map(Number);
    expect(major === 1 && minor >= 24).toBe(true);
    expect(manifest.$schema).toBe(schemaUrl(manifest.manifestVersion));
    expect(validateManifest(manifest, schemaOf(manifest))).toEqual([]);
  });

  it('uses the placeholder app ID and host, and validates once they are substituted everywhere', () => {
    const manifest = committed();
    expect([manifest.id, manifest.bots[0].botId, manifest.webApplicationInfo.id]).toEqual(
      Array(3).fill(PLACEHOLDER_APP_ID),
    );
    const substituted = substitute(manifest, SETTINGS) as Manifest;
    expect(validateManifest(substituted, schemaOf(manifest))).toEqual([]);
    const text = JSON.stringify(substituted);
    expect(text).not.toContain(PLACEHOLDER_APP_ID);
    expect(text).not.toContain(PLACEHOLDER_HOST);
    expect(substituted).toMatchObject({
      id: APP_ID,
      bots: [{ botId: APP_ID, scopes: ['personal', 'team'] }],
      staticTabs: [
        {
          entityId: 'dashboard',
          contentUrl: `https://${HOST}/dashboard?inTeams=true&theme={app.theme}`,
          websiteUrl: `https://${HOST}/dashboard`,
        },
      ],
      validDomains: [HOST],
      webApplicationInfo: { id: APP_ID, resource: `api://${HOST}/${APP_ID}` },
      authorization: {
        permissions: {
          resourceSpecific: [
            { name: 'ChannelMessage.Read.Group', type: 'Application' },
            { name: 'TeamMember.Read.Group', type: 'Application' },
            { name: 'TeamSettings.Read.Group', type: 'Application' },
            { name: 'TeamSettings.ReadWrite.Group', type: 'Application' },
          ],
        },
      },
    });
  });

  it('rejects a broken manifest with one line per problem, each naming the property', () => {
    const manifest = committed();
    delete manifest.bots[0].botId;
    manifest.staticTabs[0].scopes = ['channel'];
    manifest.accentColor = 'green';
    manifest.colour = '#2F5D50'; // a misspelt accentColor
    expect(validateManifest(manifest, schemaOf(manifest)).sort()).toEqual([
      'manifest.json: accentColor must match pattern "^#[0-9a-fA-F]{6}$" (got "green")',
      'manifest.json: bots[0].botId is required',
      'manifest.json: colour is not a property this manifest version allows',
      'manifest.json: staticTabs[0].scopes[0] must be one of "team", "personal", "groupChat" (got "channel")',
    ]);
  });

  it('rejects a $schema that is not the one of manifestVersion, and a version with no schema', () => {
    const manifest = committed();
    manifest.$schema = schemaUrl('1.24');
    expect(validateManifest(manifest, schemaOf(manifest))).toEqual([
      `manifest.json: $schema must be ${schemaUrl(manifest.manifestVersion)}, the schema of manifestVersion ${manifest.manifestVersion}`,
    ]);
    expect(loadTeamsSchema('1.99')).toEqual({
      problem: expect.stringMatching(
        /^manifest\.json: manifestVersion "1\.99" has no schema in @microsoft\/app-manifest \(it has 1\.0 to 1\.\d+\)$/,
      ),
    });
  });
});

describe('package settings', () => {
  it('needs TEAMS_APP_ID as a real GUID and takes the host from STEWARD_PUBLIC_HOST, steward.example.com by default', () => {
    expect(readSettings({ TEAMS_APP_ID: APP_ID.toUpperCase() })).toEqual({
      settings: { appId: APP_ID, host: PLACEHOLDER_HOST },
      problems: [],
    });
    expect(readSettings({ TEAMS_APP_ID: APP_ID, STEWARD_PUBLIC_HOST: HOST }).settings).toEqual(SETTINGS);
    expect(readSettings({}).problems).toEqual([
      'TEAMS_APP_ID is not set: give the Microsoft Entra app (client) ID of the Azure Bot, a GUID',
    ]);
    expect(readSettings({ TEAMS_APP_ID: 'my-bot' }).problems[0]).toMatch(
      /^TEAMS_APP_ID must be a GUID .* \(got "my-bot"\)$/,
    );
    expect(readSettings({ TEAMS_APP_ID: PLACEHOLDER_APP_ID }).problems[0]).toMatch(/^TEAMS_APP_ID is the placeholder/);
    const withScheme = readSettings({ TEAMS_APP_ID: APP_ID, STEWARD_PUBLIC_HOST: `https://${HOST}/` });
    expect(withScheme).toEqual({
      settings: null,
      problems: [
        expect.stringMatching(
          /^STEWARD_PUBLIC_HOST must be a host name .*\(got "https:\/\/steward\.contoso\.com\/"\)$/,
        ),
      ],
    });
  });
});

describe('Teams icons', () => {
  it('are 192×192 (colour) and 32×32 (outline), the outline white on transparent', () => {
    expect(readPng(file('color.png'))).toMatchObject({ width: 192, height: 192 });
    expect(readPng(file('outline.png'))).toMatchObject({ width: 32, height: 32 });
    expect(checkIcon('color', 'color.png', file('color.png'))).toEqual([]);
    expect(checkIcon('outline', 'outline.png', file('outline.png'))).toEqual([]);
  });

  it('are what make-icons.ts draws, pixel for pixel', () => {
    expect(readPng(file('color.png')).rgba).toEqual(drawColorIcon().rgba);
    expect(readPng(file('outline.png')).rgba).toEqual(drawOutlineIcon().rgba);
  });

  it('rejects an icon of the wrong size, an outline with another colour, and a file that is not a PNG', () => {
    expect(checkIcon('color', 'color.png', file('outline.png'))).toEqual([
      'color.png: the color icon must be 192×192 pixels (got 32×32)',
    ]);
    const outline = drawOutlineIcon();
    const rgba = outline.rgba.slice();
    rgba.set([0x2f, 0x5d, 0x50, 255], (2 * 32 + 3) * 4); // pixel (3, 2)
    expect(checkIcon('outline', 'outline.png', encodePng({ ...outline, rgba }))).toEqual([
      'outline.png: the outline icon must be white on transparent, but 1 pixel is another colour; the first, (3, 2) is rgba(47, 93, 80, 255)',
    ]);
    expect(checkIcon('outline', 'outline.png', encodePng({ ...outline, rgba: new Uint8Array(32 * 32 * 4) }))).toEqual([
      'outline.png: the outline icon is fully transparent',
    ]);
    expect(checkIcon('outline', 'outline.png', Buffer.from('GIF89a'))).toEqual(['outline.png: is not a PNG file']);
    const corrupt = Buffer.from(file('outline.png'));
    corrupt[20] = (corrupt[20] ?? 0) ^ 0xff; // inside IHDR
    expect(checkIcon('outline', 'outline.png', corrupt)).toEqual(['outline.png: has a corrupt IHDR chunk (bad CRC)']);
  });

  it('reads palette PNGs with transparency, as optimisers write them', () => {
    // 2×1, 1-bit palette: entry 0 white and opaque, entry 1 red and fully transparent.
    const png = pngOf(2, 1, 3, 1, [0b0100_0000], { PLTE: [255, 255, 255, 255, 0, 0], tRNS: [255, 0] });
    expect(readPng(png).rgba).toEqual(Uint8Array.of(255, 255, 255, 255, 255, 0, 0, 0));
    expect(checkIcon('outline', 'outline.png', png)).toEqual([
      'outline.png: the outline icon must be 32×32 pixels (got 2×1)',
    ]);
  });
});

describe('Teams package', () => {
  const readFile = (name: string) => (['color.png', 'outline.png'].includes(name) ? file(name) : null);

  it('zips manifest.json, color.png and outline.png at the root, with the ids and host substituted', () => {
    const manifest = committed();
    const { zip, problems } = buildPackage({ manifest, schema: schemaOf(manifest), readFile }, SETTINGS);
    expect(problems).toEqual([]);
    const files = unzipSync(zip ?? new Uint8Array());
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(files['color.png']).toEqual(new Uint8Array(file('color.png')));
    const packaged = JSON.parse(strFromU8(files['manifest.json'] ?? new Uint8Array()));
    expect(packaged).toEqual(substitute(manifest, SETTINGS));
    expect([packaged.id, packaged.bots[0].botId, packaged.webApplicationInfo.id]).toEqual([APP_ID, APP_ID, APP_ID]);
  });

  it('makes no zip when an icon is missing or the manifest is invalid', () => {
    const manifest = committed();
    manifest.icons.outline = 'assets/outline.png';
    delete manifest.bots[0].botId;
    const noOutline = (name: string) => (name === 'color.png' ? file(name) : null);
    expect(buildPackage({ manifest, schema: schemaOf(manifest), readFile: noOutline }, SETTINGS)).toEqual({
      zip: null,
      problems: [
        'manifest.json: bots[0].botId is required',
        'manifest.json: icons.outline must name a file beside manifest.json (got "assets/outline.png")',
      ],
    });
  });
});

describe('npm run package:teams', () => {
  const out = mkdtempSync(join(tmpdir(), 'teams-package-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  const run = (env: Record<string, string>, zip: string) =>
    spawnSync(join(ROOT, 'node_modules/.bin/node'), ['manifests/teams/package.ts', zip], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', ...env },
    });

  it('writes the zip with the ids from TEAMS_APP_ID and the host from STEWARD_PUBLIC_HOST', () => {
    const zip = join(out, 'group-steward.zip');
    const result = run({ TEAMS_APP_ID: APP_ID, STEWARD_PUBLIC_HOST: HOST }, zip);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`app ${APP_ID}, host ${HOST}`);
    const packaged = JSON.parse(strFromU8(unzipSync(readFileSync(zip))['manifest.json'] ?? new Uint8Array()));
    expect(packaged).toMatchObject({ id: APP_ID, webApplicationInfo: { resource: `api://${HOST}/${APP_ID}` } });
  });

  it('exits 1 with one line per problem and writes nothing', () => {
    const zip = join(out, 'bad.zip');
    const result = run({ TEAMS_APP_ID: 'nope', STEWARD_PUBLIC_HOST: 'https://x' }, zip);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^TEAMS_APP_ID must be a GUID/),
      expect.stringMatching(/^STEWARD_PUBLIC_HOST must be a host name/),
      'package:teams failed: 2 problems',
    ]);
    expect(() => readFileSync(zip)).toThrow();
  });
});

/** A PNG with the given header fields, raw (unfiltered) scanline bytes and extra chunks. */
function pngOf(
  width: number,
  height: number,
  colourType: number,
  depth: number,
  rows: number[],
  chunks: Record<string, number[]>,
): Buffer {
  const chunk = (type: string, data: Uint8Array) => {
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const tail = Buffer.alloc(4);
    tail.writeUInt32BE(crc32(typed));
    return Buffer.concat([head, typed, tail]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([depth, colourType], 8);
  const rowBytes = rows.length / height;
  const scanlines = Array.from({ length: height }, (_, y) => [
    0,
    ...rows.slice(y * rowBytes, (y + 1) * rowBytes),
  ]).flat();
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    ...Object.entries(chunks).map(([type, data]) => chunk(type, Uint8Array.from(data))),
    chunk('IDAT', deflateSync(Uint8Array.from(scanlines))),
    chunk('IEND', new Uint8Array()),
  ]);
}

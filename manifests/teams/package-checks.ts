// The parts of `npm run package:teams` that decide something: reading the settings, substituting
// them into the committed manifest, validating it against Microsoft's schema, checking the icons
// and zipping the package. manifests/teams/package.ts only reads files and prints; the unit tests
// (test/unit/teams-manifest.test.ts) call these directly.

import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { crc32, inflateSync } from 'node:zlib';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { strToU8, zipSync } from 'fflate';

/** The committed manifest carries these, so that it validates as it is; packaging replaces them. */
export const PLACEHOLDER_APP_ID = '00000000-0000-0000-0000-000000000000';
export const PLACEHOLDER_HOST = 'steward.example.com';

export interface Settings {
  /** The bot's Microsoft Entra app (client) ID: the manifest's id, bots[0].botId and webApplicationInfo.id. */
  readonly appId: string;
  /** The public host name that reaches the server: tab URLs, validDomains, the SSO resource. */
  readonly host: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** TEAMS_APP_ID (required) and STEWARD_PUBLIC_HOST (default steward.example.com). */
export function readSettings(env: Readonly<Record<string, string | undefined>>): {
  settings: Settings | null;
  problems: string[];
} {
  const problems: string[] = [];
  const appId = env.TEAMS_APP_ID?.trim() ?? '';
  if (appId === '') {
    problems.push('TEAMS_APP_ID is not set: give the Microsoft Entra app (client) ID of the Azure Bot, a GUID');
  } else if (!GUID.test(appId)) {
    problems.push(`TEAMS_APP_ID must be a GUID such as 2f5d5000-1111-4222-8333-944455556666 (got "${appId}")`);
  } else if (appId === PLACEHOLDER_APP_ID) {
    problems.push(`TEAMS_APP_ID is the placeholder ${PLACEHOLDER_APP_ID}: give the Azure Bot's real app ID`);
  }
  const host = env.STEWARD_PUBLIC_HOST?.trim() || PLACEHOLDER_HOST;
  if (!HOST_NAME.test(host)) {
    problems.push(
      `STEWARD_PUBLIC_HOST must be a host name such as steward.contoso.com, without https://, a port or a path (got "${host}")`,
    );
  }
  return {
    settings: problems.length === 0 ? { appId: appId.toLowerCase(), host: host.toLowerCase() } : null,
    problems,
  };
}

/** The manifest with every placeholder app ID and host replaced, wherever they occur in a string. */
export function substitute(manifest: unknown, { appId, host }: Settings): unknown {
  if (typeof manifest === 'string')
    return manifest.replaceAll(PLACEHOLDER_APP_ID, appId).replaceAll(PLACEHOLDER_HOST, host);
  if (Array.isArray(manifest)) return manifest.map((item) => substitute(item, { appId, host }));
  if (typeof manifest === 'object' && manifest !== null) {
    return Object.fromEntries(
      Object.entries(manifest).map(([key, value]) => [key, substitute(value, { appId, host })]),
    );
  }
  return manifest;
}

export function schemaUrl(manifestVersion: string): string {
  return `https://developer.microsoft.com/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.schema.json`;
}

const require = createRequire(import.meta.url);

/** The official schema of a manifest version, from the @microsoft/app-manifest dev dependency. */
export function loadTeamsSchema(manifestVersion: unknown): { schema: object } | { problem: string } {
  const schemas = join(dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build/json-schemas/teams');
  const versions = readdirSync(schemas)
    .filter((name) => /^v\d+\.\d+$/.test(name))
    .map((name) => name.slice(1))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  if (typeof manifestVersion !== 'string' || !versions.includes(manifestVersion)) {
    return {
      problem:
        `manifest.json: manifestVersion ${JSON.stringify(manifestVersion)} has no schema in @microsoft/app-manifest ` +
        `(it has ${versions[0]} to ${versions.at(-1)})`,
    };
  }
  return {
    schema: JSON.parse(readFileSync(join(schemas, `v${manifestVersion}`, 'MicrosoftTeams.schema.json'), 'utf8')),
  };
}

const validators = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
  let validate = validators.get(schema);
  if (validate === undefined) {
    // The Teams schemas declare draft-04 but use draft-06/07 keywords (const, if/then) and no
    // draft-04-only ones (boolean exclusiveMinimum/Maximum, id as a base URI), which is why
    // Microsoft's own validator runs them on ajv-draft-04 with those keywords added. Ajv's default
    // draft-07 reads them the same way, so the declaration is dropped instead of adding a dependency.
    const { $schema: _draft04, ...draft07 } = schema as Record<string, unknown>;
    const ajv = new Ajv({
      allErrors: true,
      verbose: true, // puts the offending value in each error, for the messages below
      strictTypes: false, // the schemas put `additionalProperties` without `type: object` in places
      // The one format in the schemas, on the manifest's own $schema; no ajv-formats needed for it.
      formats: { uri: (value: string) => URL.canParse(value) },
    });
    validate = ajv.compile(draft07);
    validators.set(schema, validate);
  }
  return validate;
}

/** One line per problem, each naming the property, e.g. `manifest.json: bots[0].botId is required`. */
export function validateManifest(manifest: unknown, schema: object): string[] {
  const validate = validatorFor(schema);
  const problems = validate(manifest) ? [] : (validate.errors ?? []).map(describe);
  const { manifestVersion, $schema } = (manifest ?? {}) as Record<string, unknown>;
  if (typeof manifestVersion === 'string' && $schema !== undefined && $schema !== schemaUrl(manifestVersion)) {
    problems.push(
      `manifest.json: $schema must be ${schemaUrl(manifestVersion)}, the schema of manifestVersion ${manifestVersion}`,
    );
  }
  return [...new Set(problems)];
}

function describe(error: ErrorObject): string {
  const at = propertyPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  // The offending value, cut short when it is a whole object.
  const value = JSON.stringify(error.data) ?? 'nothing';
  const got = value.length > 60 ? `${value.slice(0, 59)}…` : value;
  switch (error.keyword) {
    case 'required':
      return `manifest.json: ${member(at, String(params.missingProperty))} is required`;
    case 'additionalProperties':
      return `manifest.json: ${member(at, String(params.additionalProperty))} is not a property this manifest version allows`;
    case 'enum':
      return `manifest.json: ${at || 'the manifest'} must be one of ${(params.allowedValues as unknown[]).map((allowed) => JSON.stringify(allowed)).join(', ')} (got ${got})`;
    case 'const':
      return `manifest.json: ${at} must be ${JSON.stringify(params.allowedValue)} (got ${got})`;
    default:
      return `manifest.json: ${at || 'the manifest'} ${error.message ?? 'is invalid'} (got ${got})`;
  }
}

/** `/bots/0/commandLists/1` → `bots[0].commandLists[1]`. */
function propertyPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : member(path, segment)), '');
}

function member(path: string, property: string): string {
  return path === '' ? property : `${path}.${property}`;
}

/** A decoded PNG; `rgba` is null for interlaced images, which this reader does not decode. */
export interface Png {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array | null;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
// Colour type → channels per pixel, and the bit depths the PNG specification allows for it.
const COLOUR_TYPES = new Map<number, { channels: number; depths: number[] }>([
  [0, { channels: 1, depths: [1, 2, 4, 8, 16] }], // grey
  [2, { channels: 3, depths: [8, 16] }], // RGB
  [3, { channels: 1, depths: [1, 2, 4, 8] }], // palette
  [4, { channels: 2, depths: [8, 16] }], // grey and alpha
  [6, { channels: 4, depths: [8, 16] }], // RGBA
]);

/**
 * Reads a PNG's size and, unless it is interlaced, its pixels as 8-bit RGBA. Any colour type or
 * bit depth: icons saved by other tools (a palette PNG from an optimiser, say) must check too.
 * Throws an Error whose message says what is wrong with the file.
 */
export function readPng(bytes: Uint8Array): Png {
  if (bytes.length < 8 || PNG_SIGNATURE.some((byte, index) => bytes[index] !== byte))
    throw new Error('is not a PNG file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let header: DataView | null = null;
  let palette: Uint8Array | null = null;
  let transparency: Uint8Array | null = null;
  const data: Uint8Array[] = [];
  for (let at = 8; ; ) {
    if (at + 12 > bytes.length) throw new Error('ends before its IEND chunk');
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (at + 12 + length > bytes.length) throw new Error(`is truncated in its ${type} chunk`);
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== view.getUint32(at + 8 + length)) {
      throw new Error(`has a corrupt ${type} chunk (bad CRC)`);
    }
    if (type === 'IHDR') header = new DataView(body.buffer, body.byteOffset, body.byteLength);
    else if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') transparency = body;
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  if (header === null || header.byteLength !== 13) throw new Error('has no valid IHDR chunk');
  const width = header.getUint32(0);
  const height = header.getUint32(4);
  const depth = header.getUint8(8);
  const colourType = header.getUint8(9);
  const format = COLOUR_TYPES.get(colourType);
  if (format === undefined || !format.depths.includes(depth)) {
    throw new Error(`has an invalid colour type ${colourType} with bit depth ${depth}`);
  }
  if (header.getUint8(12) !== 0) return { width, height, rgba: null };
  if (colourType === 3 && palette === null) throw new Error('is a palette image without a PLTE chunk');
  const entries = palette ?? new Uint8Array(0);

  const bitsPerPixel = format.channels * depth;
  const rowBytes = Math.ceil((width * bitsPerPixel) / 8);
  const rows = unfilter(inflate(data), rowBytes, height, Math.max(1, bitsPerPixel / 8));
  const max = 2 ** depth - 1;
  const to8 = (value: number) => Math.round((value * 255) / max);
  // tRNS holds one 16-bit sample per channel for grey and RGB images: the one colour that is transparent.
  const transparentKey =
    transparency !== null && colourType !== 3 ? sampleValues(transparency, 16, format.channels) : null;
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = rows.subarray(y * rowBytes, (y + 1) * rowBytes);
    for (let x = 0; x < width; x++) {
      const pixel = Array.from({ length: format.channels }, (_, channel) =>
        sample(row, x * format.channels + channel, depth),
      );
      const [first = 0, second = 0, third = 0, fourth = 0] = pixel;
      const keyed = transparentKey !== null && pixel.every((value, channel) => value === transparentKey[channel]);
      let colour: [number, number, number, number];
      if (colourType === 0) colour = [to8(first), to8(first), to8(first), keyed ? 0 : 255];
      else if (colourType === 2) colour = [to8(first), to8(second), to8(third), keyed ? 0 : 255];
      else if (colourType === 4) colour = [to8(first), to8(first), to8(first), to8(second)];
      else if (colourType === 6) colour = [to8(first), to8(second), to8(third), to8(fourth)];
      else {
        if ((first + 1) * 3 > entries.length)
          throw new Error(`uses palette entry ${first}, past the end of its palette`);
        colour = [
          entries[first * 3] ?? 0,
          entries[first * 3 + 1] ?? 0,
          entries[first * 3 + 2] ?? 0,
          transparency?.[first] ?? 255,
        ];
      }
      rgba.set(colour, (y * width + x) * 4);
    }
  }
  return { width, height, rgba };
}

function inflate(chunks: Uint8Array[]): Uint8Array {
  try {
    return inflateSync(Buffer.concat(chunks));
  } catch {
    throw new Error('has image data that does not decompress');
  }
}

/** Undoes the per-scanline filters (none, sub, up, average, Paeth): the raw rows, back to back. */
function unfilter(data: Uint8Array, rowBytes: number, height: number, bytesPerPixel: number): Uint8Array {
  if (data.length < (rowBytes + 1) * height) throw new Error('has less image data than its size needs');
  const out = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++) {
    const filter = data[y * (rowBytes + 1)];
    const line = data.subarray(y * (rowBytes + 1) + 1, (y + 1) * (rowBytes + 1));
    const at = y * rowBytes;
    for (let i = 0; i < rowBytes; i++) {
      const left = i >= bytesPerPixel ? (out[at + i - bytesPerPixel] ?? 0) : 0;
      const up = y > 0 ? (out[at - rowBytes + i] ?? 0) : 0;
      const upLeft = y > 0 && i >= bytesPerPixel ? (out[at - rowBytes + i - bytesPerPixel] ?? 0) : 0;
      let predictor: number;
      if (filter === 0) predictor = 0;
      else if (filter === 1) predictor = left;
      else if (filter === 2) predictor = up;
      else if (filter === 3) predictor = (left + up) >> 1;
      else if (filter === 4) predictor = paeth(left, up, upLeft);
      else throw new Error(`has an unknown scanline filter ${filter}`);
      out[at + i] = ((line[i] ?? 0) + predictor) & 0xff;
    }
  }
  return out;
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const toLeft = Math.abs(estimate - left);
  const toUp = Math.abs(estimate - up);
  const toUpLeft = Math.abs(estimate - upLeft);
  if (toLeft <= toUp && toLeft <= toUpLeft) return left;
  return toUp <= toUpLeft ? up : upLeft;
}

/** The index-th sample of a row packed at the given bit depth (1, 2, 4, 8 or 16 bits). */
function sample(row: Uint8Array, index: number, depth: number): number {
  if (depth === 16) return ((row[index * 2] ?? 0) << 8) | (row[index * 2 + 1] ?? 0);
  const bit = index * depth;
  return ((row[bit >> 3] ?? 0) >> (8 - depth - (bit & 7))) & (2 ** depth - 1);
}

function sampleValues(bytes: Uint8Array, depth: number, count: number): number[] {
  return Array.from({ length: count }, (_, index) => sample(bytes, index, depth));
}

/** Teams' sizes: a 192×192 full-colour icon and a 32×32 outline icon. */
export const ICON_SIZES = { color: 192, outline: 32 } as const;

/** Problems with one icon: not a PNG, the wrong size, or (outline) anything but white and transparent. */
export function checkIcon(kind: keyof typeof ICON_SIZES, name: string, bytes: Uint8Array): string[] {
  let png: Png;
  try {
    png = readPng(bytes);
  } catch (error) {
    return [`${name}: ${(error as Error).message}`];
  }
  const size = ICON_SIZES[kind];
  if (png.width !== size || png.height !== size) {
    return [`${name}: the ${kind} icon must be ${size}×${size} pixels (got ${png.width}×${png.height})`];
  }
  if (kind === 'color') return [];
  if (png.rgba === null) return [`${name}: is interlaced, which this check cannot read; save it without interlacing`];
  return checkWhiteOnTransparent(name, png.rgba, png.width);
}

// Teams rejects an outline icon with any colour but white: each pixel is either fully transparent
// or white at some opacity (the anti-aliased edge).
function checkWhiteOnTransparent(name: string, rgba: Uint8Array, width: number): string[] {
  let wrong = 0;
  let first = '';
  let visible = 0;
  for (let at = 0; at < rgba.length; at += 4) {
    const [r, g, b, a] = [rgba[at], rgba[at + 1], rgba[at + 2], rgba[at + 3]];
    if (a === 0) continue;
    visible++;
    if (r === 255 && g === 255 && b === 255) continue;
    if (wrong++ === 0) first = `(${(at / 4) % width}, ${Math.floor(at / 4 / width)}) is rgba(${r}, ${g}, ${b}, ${a})`;
  }
  if (wrong > 0) {
    return [
      `${name}: the outline icon must be white on transparent, but ${wrong} pixel${wrong === 1 ? ' is' : 's are'} another colour; the first, ${first}`,
    ];
  }
  return visible === 0 ? [`${name}: the outline icon is fully transparent`] : [];
}

export interface PackageSources {
  /** manifests/teams/manifest.json as committed, parsed. */
  readonly manifest: unknown;
  /** The official schema of its manifestVersion (loadTeamsSchema). */
  readonly schema: object;
  /** A file beside manifest.json by name, or null when there is none. */
  readonly readFile: (name: string) => Uint8Array | null;
}

/**
 * The app package: manifest.json (substituted), the colour and the outline icon, all at the zip's
 * root as Teams requires. Returns the zip only when there are no problems.
 */
export function buildPackage(
  sources: PackageSources,
  settings: Settings,
): { zip: Uint8Array | null; problems: string[] } {
  const manifest = substitute(sources.manifest, settings);
  const problems = validateManifest(manifest, sources.schema);
  const icons = ((manifest ?? {}) as { icons?: Record<string, unknown> }).icons ?? {};
  const files: Record<string, Uint8Array> = { 'manifest.json': strToU8(`${JSON.stringify(manifest, null, 2)}\n`) };
  for (const kind of ['color', 'outline'] as const) {
    const name = icons[kind];
    if (typeof name !== 'string') continue; // the schema check has said so
    if (!/^[^/\\]+$/.test(name) || name === '.' || name === '..') {
      problems.push(`manifest.json: icons.${kind} must name a file beside manifest.json (got "${name}")`);
      continue;
    }
    const bytes = sources.readFile(name);
    if (bytes === null) {
      problems.push(`manifests/teams/${name}: not found (icons.${kind} names it)`);
      continue;
    }
    problems.push(...checkIcon(kind, name, bytes));
    files[name] = bytes;
  }
  // A fixed timestamp makes the same inputs give the same zip, byte for byte.
  return { zip: problems.length === 0 ? zipSync(files, { mtime: '1980-01-01T00:00:00' }) : null, problems };
}

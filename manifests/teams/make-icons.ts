// node manifests/teams/make-icons.ts: draws the Teams app icons and writes color.png (192×192) and
// outline.png (32×32) next to this file. The PNGs are committed; run this again only to change
// them. No image library: the mark is drawn from a few circles, and encodePng writes the three
// chunks a PNG needs with node:zlib.

import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

/** Straight (not premultiplied) RGBA, 8 bits a channel, rows top to bottom. */
export interface Image {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

/** The same colour as the Slack app's background_color and the manifest's accentColor. */
export const ACCENT: readonly [number, number, number] = [0x2f, 0x5d, 0x50];
const WHITE: readonly [number, number, number] = [255, 255, 255];

// Each pixel averages SUPERSAMPLE² points, which anti-aliases the edges.
const SUPERSAMPLE = 8;

/**
 * The mark, in a unit box: three members (dots) on a ring, the ring cut around each dot. It reads
 * at 32 pixels, where letters would not.
 */
function inMark(x: number, y: number): boolean {
  const ring = 0.34;
  const stroke = 0.09;
  const dot = 0.12;
  const gap = 0.05;
  const dots = [-90, 30, 150].map((degrees) => {
    const radians = (degrees * Math.PI) / 180;
    return [0.5 + ring * Math.cos(radians), 0.5 + ring * Math.sin(radians)] as const;
  });
  const distances = dots.map(([dx, dy]) => Math.hypot(x - dx, y - dy));
  if (distances.some((distance) => distance <= dot)) return true;
  const onRing = Math.abs(Math.hypot(x - 0.5, y - 0.5) - ring) <= stroke / 2;
  return onRing && distances.every((distance) => distance > dot + gap);
}

function inRoundedSquare(x: number, y: number, size: number, radius: number): boolean {
  const cx = Math.min(Math.max(x, radius), size - radius);
  const cy = Math.min(Math.max(y, radius), size - radius);
  return Math.hypot(x - cx, y - cy) <= radius;
}

type Paint = (x: number, y: number) => readonly [number, number, number] | null;

function draw(size: number, paint: Paint): Image {
  const rgba = new Uint8Array(size * size * 4);
  const samples = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // Sum premultiplied colour, so that transparent samples do not darken the edge.
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const colour = paint(px + (sx + 0.5) / SUPERSAMPLE, py + (sy + 0.5) / SUPERSAMPLE);
          if (colour === null) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered++;
        }
      }
      const at = (py * size + px) * 4;
      // A fully transparent pixel is stored white, so the outline icon holds no other colour.
      rgba[at] = covered === 0 ? 255 : Math.round(r / covered);
      rgba[at + 1] = covered === 0 ? 255 : Math.round(g / covered);
      rgba[at + 2] = covered === 0 ? 255 : Math.round(b / covered);
      rgba[at + 3] = Math.round((covered / samples) * 255);
    }
  }
  return { width: size, height: size, rgba };
}

/** 192×192: the white mark on a rounded square in the accent colour, transparent corners. */
export function drawColorIcon(): Image {
  const size = 192;
  const margin = 36; // the mark fills the middle 120 pixels
  const box = size - 2 * margin;
  return draw(size, (x, y) => {
    if (!inRoundedSquare(x, y, size, 40)) return null;
    return inMark((x - margin) / box, (y - margin) / box) ? WHITE : ACCENT;
  });
}

/** 32×32: the mark alone, white on transparent, as Teams requires of the outline icon. */
export function drawOutlineIcon(): Image {
  const size = 32;
  const margin = 1;
  const box = size - 2 * margin;
  return draw(size, (x, y) => (inMark((x - margin) / box, (y - margin) / box) ? WHITE : null));
}

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** An 8-bit RGBA, non-interlaced PNG: IHDR, one IDAT, IEND. */
export function encodePng({ width, height, rgba }: Image): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  // compression 0 (deflate), filter method 0 and interlace 0 (none) are the zeros already there
  const stride = width * 4;
  const scanlines = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    // Each scanline starts with its filter type; 0 (none) keeps the encoder trivial.
    scanlines.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

if (import.meta.main) {
  for (const [name, image] of [
    ['color.png', drawColorIcon()],
    ['outline.png', drawOutlineIcon()],
  ] as const) {
    const path = new URL(name, import.meta.url);
    writeFileSync(path, encodePng(image));
    console.log(`wrote manifests/teams/${name} (${image.width}×${image.height})`);
  }
}

// Draws the app and tray icons as PNGs (anti-aliased rings and dots), so the
// repository needs no image editor. Run: node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const PINK = [230, 0, 122];
const STATES = { idle: [140, 146, 158], ok: [19, 160, 90], warn: [230, 150, 20], crit: [214, 40, 40] };

function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x += 1) {
      const [r, g, b, a] = pixel(x + 0.5, y + 0.5);
      raw.set([r, g, b, a], y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** Coverage of a pixel by a disc edge, for smooth circles at any size. */
const cover = (distance, radius, px) => Math.max(0, Math.min(1, radius - distance + px / 2) / px);

function icon(size, dot) {
  const c = size / 2;
  return png(size, (x, y) => {
    const d = Math.hypot(x - c, y - c);
    const ring = Math.min(cover(d, size * 0.46, 1), 1 - cover(d, size * 0.3, 1));
    const centre = cover(d, size * 0.2, 1);
    const color = centre > 0 ? dot : PINK;
    const alpha = Math.max(ring, centre);
    return [...color, Math.round(alpha * 255)];
  });
}

mkdirSync('build/tray', { recursive: true });
mkdirSync('renderer/public', { recursive: true });
writeFileSync('build/icon.png', icon(512, PINK));
writeFileSync('renderer/public/favicon.png', icon(64, PINK));
for (const [state, color] of Object.entries(STATES)) {
  writeFileSync(`build/tray/${state}.png`, icon(16, color));
  writeFileSync(`build/tray/${state}@2x.png`, icon(32, color));
}
console.log('icons written to build/ and renderer/public/');

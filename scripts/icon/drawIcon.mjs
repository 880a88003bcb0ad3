// Draws the marketplace icon, media/icons/dl-tutor.png (128x128): the activity-bar network of
// media/icons/dl-tutor.svg in white on a blue-to-violet rounded square, its output node amber.
// Every pixel is supersampled 4x4 for smooth edges; the PNG is written with node:zlib.
// Usage: node scripts/icon/drawIcon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4;
const CORNER = 24;
// The SVG's 24-unit box, centred with a margin.
const SCALE = 4.2;
const OFFSET = (SIZE - 24 * SCALE) / 2;
const at = ([x, y]) => [OFFSET + x * SCALE, OFFSET + y * SCALE];

const INPUTS = [
  [5, 6],
  [5, 18],
].map(at);
const HIDDEN = [
  [12, 4.5],
  [12, 12],
  [12, 19.5],
].map(at);
const OUTPUT = at([19, 12]);
const EDGES = [...INPUTS.flatMap((from) => HIDDEN.map((to) => [from, to])), ...HIDDEN.map((from) => [from, OUTPUT])];
const NODE_RADIUS = 2.3 * SCALE;
const EDGE_WIDTH = 1.4 * SCALE;

const TOP = [37, 99, 235]; // blue
const BOTTOM = [109, 40, 217]; // violet
const WHITE = [255, 255, 255];
const AMBER = [251, 191, 36];

function insideRoundedSquare(x, y) {
  const dx = Math.max(CORNER - x, 0, x - (SIZE - CORNER));
  const dy = Math.max(CORNER - y, 0, y - (SIZE - CORNER));
  return dx * dx + dy * dy <= CORNER * CORNER;
}

function distanceToSegment(x, y, [ax, ay], [bx, by]) {
  const [vx, vy] = [bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, ((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(x - (ax + t * vx), y - (ay + t * vy));
}

/** The colour at a point, with its opacity (0 outside the square). */
function sample(x, y) {
  if (!insideRoundedSquare(x, y)) return [0, 0, 0, 0];
  const t = (x + y) / (2 * SIZE);
  let colour = TOP.map((top, i) => top + (BOTTOM[i] - top) * t);
  const blend = (over, alpha) => (colour = colour.map((c, i) => c + (over[i] - c) * alpha));
  if (EDGES.some(([from, to]) => distanceToSegment(x, y, from, to) <= EDGE_WIDTH / 2)) blend(WHITE, 0.6);
  for (const node of [...INPUTS, ...HIDDEN]) if (Math.hypot(x - node[0], y - node[1]) <= NODE_RADIUS) blend(WHITE, 1);
  if (Math.hypot(x - OUTPUT[0], y - OUTPUT[1]) <= NODE_RADIUS * 1.15) blend(AMBER, 1);
  return [...colour, 255];
}

function render() {
  const pixels = Buffer.alloc(SIZE * SIZE * 4);
  for (let y = 0; y < SIZE; y += 1) {
    for (let x = 0; x < SIZE; x += 1) {
      // Premultiplied sums, so edge pixels of the square fade out without a dark fringe.
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy += 1) {
        for (let sx = 0; sx < SAMPLES; sx += 1) {
          const [r, g, b, a] = sample(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES);
          sum[0] += (r * a) / 255;
          sum[1] += (g * a) / 255;
          sum[2] += (b * a) / 255;
          sum[3] += a;
        }
      }
      const alpha = sum[3] / (SAMPLES * SAMPLES);
      const offset = (y * SIZE + x) * 4;
      for (let i = 0; i < 3; i += 1) pixels[offset + i] = alpha === 0 ? 0 : Math.round((sum[i] * 255) / sum[3]);
      pixels[offset + 3] = Math.round(alpha);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter choice, no interlace
  // Each row starts with filter type 0 (none).
  const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y += 1) pixels.copy(rows, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

writeFileSync(new URL('../../media/icons/dl-tutor.png', import.meta.url), png(render()));
console.log('media/icons/dl-tutor.png written (128x128)');

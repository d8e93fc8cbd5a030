/**
 * Staff photos: a small PNG silhouette on a background colour taken from the person, so
 * photos are deterministic, distinct and real images (a client can show them as
 * data:image/png;base64,…). Built by hand with node:zlib to need no image library.
 */
import { deflateSync } from "node:zlib";
import { hash128 } from "./prng";

const SIZE = 32;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const out = Buffer.alloc(8 + data.length + 4);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/** PNG bytes for the person identified by `key` (any stable string). */
export function photoPng(key: string): Buffer {
  const [h] = hash128(key);
  const bg = [80 + (h & 0x7f), 80 + ((h >>> 8) & 0x7f), 80 + ((h >>> 16) & 0x7f)];
  const fg = [235, 235, 240];
  const raw = Buffer.alloc(SIZE * (SIZE * 3 + 1));
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 3 + 1)] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) {
      const head = (x - 16) ** 2 + (y - 12) ** 2 <= 36;
      const shoulders = y >= 22 && (x - 16) ** 2 / 121 + (y - 32) ** 2 / 100 <= 1;
      const colour = head || shoulders ? fg : bg;
      raw.set(colour, y * (SIZE * 3 + 1) + 1 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", new Uint8Array()),
  ]);
}

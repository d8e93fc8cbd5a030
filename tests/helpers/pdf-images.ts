// Reads the images out of a PDF as pixels, enough to check what a printed page shows: finds each
// image XObject, inflates its stream and undoes the PNG row predictors, then expands it to RGBA.
import { inflateSync } from "node:zlib";

export type PdfImage = { width: number; height: number; rgba: Uint8ClampedArray };

function objects(pdf: Buffer): Map<number, { dict: string; stream: Buffer | null }> {
  const text = pdf.toString("latin1");
  const found = new Map<number, { dict: string; stream: Buffer | null }>();
  const start = /(\d+) 0 obj\s*/g;
  for (let m = start.exec(text); m; m = start.exec(text)) {
    const end = text.indexOf("endobj", m.index);
    const body = text.slice(m.index + m[0].length, end);
    const streamAt = body.indexOf("stream");
    if (streamAt < 0) {
      found.set(Number(m[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, streamAt);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
    const dataStart = m.index + m[0].length + streamAt + "stream".length + (body[streamAt + 6] === "\r" ? 2 : 1);
    found.set(Number(m[1]), { dict, stream: pdf.subarray(dataStart, dataStart + length) });
  }
  return found;
}

const num = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+)`).exec(dict)?.[1]);

function paeth(left: number, up: number, upLeft: number): number {
  const p = left + up - upLeft;
  const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
  return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
}

/** Undoes PNG predictors (PDF /Predictor 10–15): each row starts with its filter type. */
function unpredict(data: Buffer, rowBytes: number, bytesPerPixel: number): Buffer {
  const rows = data.length / (rowBytes + 1);
  const out = Buffer.alloc(rows * rowBytes);
  for (let r = 0; r < rows; r++) {
    const filter = data[r * (rowBytes + 1)]!;
    for (let i = 0; i < rowBytes; i++) {
      const raw = data[r * (rowBytes + 1) + 1 + i]!;
      const left = i >= bytesPerPixel ? out[r * rowBytes + i - bytesPerPixel]! : 0;
      const up = r > 0 ? out[(r - 1) * rowBytes + i]! : 0;
      const upLeft = r > 0 && i >= bytesPerPixel ? out[(r - 1) * rowBytes + i - bytesPerPixel]! : 0;
      const predicted = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter];
      if (predicted === undefined) throw new Error(`PNG filter ${filter} is not one of 0–4`);
      out[r * rowBytes + i] = (raw + predicted) & 0xff;
    }
  }
  return out;
}

/** Every greyscale or RGB image in the PDF, as RGBA pixels. */
export function pdfImages(pdf: Buffer): PdfImage[] {
  const all = objects(pdf);
  const images: PdfImage[] = [];
  for (const { dict, stream } of all.values()) {
    if (!stream || !/\/Subtype \/Image/.test(dict)) continue;
    const width = num(dict, "Width");
    const height = num(dict, "Height");
    const bits = num(dict, "BitsPerComponent");
    const colours = /\/ColorSpace \/DeviceRGB/.test(dict) ? 3 : 1;
    let data = /\/Filter \/FlateDecode/.test(dict) ? inflateSync(stream) : stream;
    const parmsRef = /\/DecodeParms (\d+) 0 R/.exec(dict)?.[1];
    const parms = parmsRef ? all.get(Number(parmsRef))!.dict : (/\/DecodeParms <<(.*?)>>/s.exec(dict)?.[1] ?? "");
    const rowBytes = Math.ceil((width * colours * bits) / 8);
    if (num(parms, "Predictor") >= 10) data = unpredict(data, rowBytes, Math.max(1, (colours * bits) / 8));
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const sample = (c: number) => {
          if (bits === 8) return data[y * rowBytes + x * colours + c]!;
          const bit = x * colours + c; // 1-bit
          return (data[y * rowBytes + (bit >> 3)]! >> (7 - (bit & 7))) & 1 ? 255 : 0;
        };
        const [r, g, b] = colours === 3 ? [sample(0), sample(1), sample(2)] : [sample(0), sample(0), sample(0)];
        rgba.set([r, g, b, 255], (y * width + x) * 4);
      }
    images.push({ width, height, rgba });
  }
  return images;
}

// Printable login cards: A4 pages of 8 or 10 cards (name, group, username, password or picture
// sequence, QR badge), rendered from an AsyncIterable<LoginCard> to a PDF byte stream.
//
// Why pdfkit: it writes each page's objects out as soon as the page is finished, so a
// 2,000-pupil school never sits in memory whole. @react-pdf/renderer lays the whole document out
// in memory before writing a byte (and is built on pdfkit anyway); pdf-lib keeps every object
// until save(). Here the next page is drawn only when the reader has taken the bytes of the
// previous one (an async generator pulled by the response), so memory stays flat however many
// cards there are and however slowly they download.
import { readFileSync } from "node:fs";
import path from "node:path";
import { deflateSync } from "node:zlib";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import type { LoginCard } from "./login-card";

export type CardsPerPage = 8 | 10;
export type CardsPdfOptions = { cardsPerPage?: CardsPerPage; title?: string };

// A4 in PDF points.
const PAGE = { width: 595.28, height: 841.89, margin: 24 };
const COLUMNS = 2;
const GAP = 8;

/** Files shipped in npm packages, read from the app's node_modules (pdfkit is kept outside the bundle too). */
const packageFile = (...parts: string[]) => path.join(process.cwd(), "node_modules", ...parts);

// Geist (Latin and Latin Extended) for the text; Noto Emoji (monochrome outlines, so they print in
// black on any printer) for the picture passwords. Read once per process.
let fonts: { regular: Buffer; bold: Buffer; emojiRanges: { ranges: [number, number][]; file: string }[] } | null = null;
function loadFonts() {
  if (fonts) return fonts;
  const emojiDir = packageFile("@fontsource", "noto-emoji");
  // Fontsource splits Noto Emoji into subsets by code point; unicode.json says which holds which.
  const subsets = JSON.parse(readFileSync(path.join(emojiDir, "unicode.json"), "utf8")) as Record<string, string>;
  const emojiRanges = Object.entries(subsets).map(([key, list]) => ({
    file: path.join(emojiDir, "files", `noto-emoji-${key.replace(/[[\]]/g, "")}-400-normal.woff2`),
    ranges: list.split(",").map((range) => {
      const [from, to] = range.replace(/^U\+/i, "").split("-").map((hex) => parseInt(hex, 16));
      return [from!, to ?? from!] as [number, number];
    }),
  }));
  fonts = {
    regular: readFileSync(packageFile("geist", "dist", "fonts", "geist-sans", "Geist-Regular.ttf")),
    bold: readFileSync(packageFile("geist", "dist", "fonts", "geist-sans", "Geist-SemiBold.ttf")),
    emojiRanges,
  };
  return fonts;
}

/** The Noto Emoji subset file that draws this emoji (by its first code point), or null. */
function emojiFontFile(emoji: string): string | null {
  const codePoint = emoji.codePointAt(0);
  if (codePoint === undefined) return null;
  return loadFonts().emojiRanges.find((s) => s.ranges.some(([from, to]) => codePoint >= from && codePoint <= to))?.file ?? null;
}

// ---- QR codes as tiny PNGs: one bit per pixel, 4 pixels a module, 4 modules of quiet zone. ----

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const QR_SCALE = 4;
const QR_QUIET = 4;

/**
 * The QR code of `text` as a 1-bit greyscale PNG. pdfkit copies such a PNG's compressed pixels
 * straight into the PDF (no alpha to split), so each badge costs a few hundred bytes and no decoding.
 */
export function qrPng(text: string): Buffer {
  // One byte-mode segment and a fixed mask skip qrcode's segment optimiser and its scoring of all
  // eight masks (most of its time); a URL fits byte mode anyway, and any mask decodes alike.
  const modules = QRCode.create([{ data: Buffer.from(text, "utf8"), mode: "byte" }], { errorCorrectionLevel: "M", maskPattern: 0 }).modules;
  const side = (modules.size + 2 * QR_QUIET) * QR_SCALE;
  const rowBytes = Math.ceil(side / 8) + 1; // each row starts with filter byte 0 (none)
  const raw = Buffer.alloc(rowBytes * side, 0);
  // Greyscale 1 = white: start all white, then clear the dark modules' bits. Each module row is
  // drawn once and copied down QR_SCALE pixel rows.
  const white = Buffer.alloc(rowBytes, 0xff);
  white[0] = 0;
  for (let y = 0; y < side; y++) white.copy(raw, y * rowBytes);
  for (let my = 0; my < modules.size; my++) {
    const top = (my + QR_QUIET) * QR_SCALE * rowBytes;
    for (let mx = 0; mx < modules.size; mx++) {
      if (!modules.get(my, mx)) continue;
      for (let x = (mx + QR_QUIET) * QR_SCALE, end = x + QR_SCALE; x < end; x++) raw[top + 1 + (x >> 3)]! &= ~(0x80 >> (x & 7));
    }
    for (let k = 1; k < QR_SCALE; k++) raw.copy(raw, top + k * rowBytes, top, top + rowBytes);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, colour type 0 (greyscale), deflate, no filter, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk("IHDR", header), pngChunk("IDAT", deflateSync(raw)), pngChunk("IEND", Buffer.alloc(0))]);
}

// ---- Layout ----

type Box = { x: number; y: number; width: number; height: number };

function cardBoxes(cardsPerPage: CardsPerPage): Box[] {
  const rows = cardsPerPage / COLUMNS;
  const width = (PAGE.width - 2 * PAGE.margin - (COLUMNS - 1) * GAP) / COLUMNS;
  const height = (PAGE.height - 2 * PAGE.margin - (rows - 1) * GAP) / rows;
  return Array.from({ length: cardsPerPage }, (_, i) => ({
    x: PAGE.margin + (i % COLUMNS) * (width + GAP),
    y: PAGE.margin + Math.floor(i / COLUMNS) * (height + GAP),
    width,
    height,
  }));
}

/** `text` cut with an ellipsis to fit `width` in the current font and size. */
function fitted(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let chars = [...text];
  while (chars.length > 1 && doc.widthOfString(`${chars.join("")}…`) > width) chars = chars.slice(0, -1);
  return `${chars.join("")}…`;
}

const INK = "#111111";
const MUTED = "#555555";

function drawCard(doc: PDFKit.PDFDocument, card: LoginCard, box: Box) {
  const pad = 12;
  doc.save().lineWidth(0.75).dash(4, { space: 3 }).strokeColor("#9a9a9a").roundedRect(box.x, box.y, box.width, box.height, 8).stroke().undash().restore();

  const qrSize = card.badgeUrl ? Math.min(box.height - 2 * pad - 12, 112) : 0;
  const textWidth = box.width - 2 * pad - (qrSize ? qrSize + pad : 0);
  const x = box.x + pad;
  let y = box.y + pad;

  doc.font("Bold").fontSize(13).fillColor(INK);
  doc.text(fitted(doc, card.name, textWidth), x, y, { lineBreak: false });
  y += 17;
  doc.font("Regular").fontSize(9).fillColor(MUTED);
  doc.text(fitted(doc, card.group, textWidth), x, y, { lineBreak: false });
  y += 16;

  const field = (label: string, value: string) => {
    doc.font("Regular").fontSize(8).fillColor(MUTED).text(label.toUpperCase(), x, y, { lineBreak: false, characterSpacing: 0.5 });
    y += 10;
    doc.font("Bold").fontSize(12).fillColor(INK).text(fitted(doc, value, textWidth), x, y, { lineBreak: false });
    y += 18;
  };
  field("Username", card.username);
  if (card.password) field("Password", card.password);
  if (card.pictureSequence?.length) {
    doc.font("Regular").fontSize(8).fillColor(MUTED).text("PICTURE PASSWORD", x, y, { lineBreak: false, characterSpacing: 0.5 });
    y += 11;
    const cell = Math.min(30, (textWidth - 3 * 4) / 4);
    card.pictureSequence.slice(0, 4).forEach((emoji, i) => {
      const cx = x + i * (cell + 4);
      doc.save().lineWidth(0.5).strokeColor("#bbbbbb").roundedRect(cx, y, cell, cell + 8, 4).stroke().restore();
      doc.font("Regular").fontSize(6).fillColor(MUTED).text(String(i + 1), cx + 2.5, y + 2, { lineBreak: false });
      // The variation selector (U+FE0F) asks for colour; the outline font draws the base character.
      const glyph = emoji.replace(/\uFE0F/g, "");
      const file = emojiFontFile(glyph);
      doc.font(file ?? "Regular").fontSize(cell * 0.62).fillColor(INK);
      const w = doc.widthOfString(glyph);
      doc.text(glyph, cx + (cell - w) / 2, y + 8, { lineBreak: false });
    });
  }

  if (card.badgeUrl && qrSize > 0) {
    const qx = box.x + box.width - pad - qrSize;
    const qy = box.y + pad;
    doc.image(qrPng(card.badgeUrl), qx, qy, { width: qrSize, height: qrSize });
    doc.font("Regular").fontSize(7).fillColor(MUTED);
    const caption = "Scan to sign in";
    doc.text(caption, qx + (qrSize - doc.widthOfString(caption)) / 2, qy + qrSize + 2, { lineBreak: false });
  }
}

/**
 * The cards as PDF bytes, a chunk per page. Pull-driven: a page is drawn only when the consumer
 * asks for more, and nothing but the current page is held.
 */
export async function* loginCardsPdfChunks(cards: AsyncIterable<LoginCard>, options: CardsPdfOptions = {}): AsyncGenerator<Uint8Array> {
  const boxes = cardBoxes(options.cardsPerPage ?? 10);
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({ size: "A4", margin: 0, autoFirstPage: false, compress: true, info: { Title: options.title ?? "Login cards", Creator: "Staffroom" } });
  doc.registerFont("Regular", regular);
  doc.registerFont("Bold", bold);
  // Paused mode, read synchronously after each page: a "data" listener would only be called
  // once the event loop turns, which a fast card source may not let happen until the end.
  const flush = (): Buffer | null => doc.read();
  let slot = 0;
  for await (const card of cards) {
    if (slot === 0) {
      doc.addPage();
      // The previous page has been written out by addPage: hand its bytes on before drawing more.
      const bytes = flush();
      if (bytes) yield bytes;
    }
    drawCard(doc, card, boxes[slot]!);
    slot = (slot + 1) % boxes.length;
  }
  if (!doc.page) {
    // No cards: one page that says so, rather than an empty (invalid) document.
    doc.addPage().font("Regular").fontSize(12).fillColor(INK).text("There are no login cards to print for this group.", PAGE.margin, PAGE.margin);
  }
  const before = flush();
  if (before) yield before;
  const rest: Buffer[] = [];
  const ended = new Promise<void>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => rest.push(chunk));
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  doc.end();
  await ended;
  if (rest.length) yield Buffer.concat(rest);
}

/** The cards as a web stream, for a route handler's Response. */
export function loginCardsPdfStream(cards: AsyncIterable<LoginCard>, options: CardsPdfOptions = {}): ReadableStream<Uint8Array> {
  const chunks = loginCardsPdfChunks(cards, options);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

import { readFileSync } from "node:fs";
import path from "node:path";
import jsQR from "jsqr";
import { describe, expect, it } from "vitest";
import { loginCardsPdfChunks } from "@/server/accounts/cards-pdf";
import type { LoginCard } from "@/server/accounts/login-card";
import { PICTURE_GRID } from "@/server/accounts/secrets";
import { pdfImages } from "../helpers/pdf-images";

// The picture-password grid itself: every one of its emoji must print.
const PICTURES = PICTURE_GRID;

function card(i: number, overrides: Partial<LoginCard> = {}): LoginCard {
  return {
    personId: `person-${i}`,
    name: `Pupil Number${i}`,
    group: "7B Maths",
    username: `pupil.${i}k7`,
    password: i % 2 ? "apple river cloud 42" : null,
    pictureSequence: i % 2 ? null : [PICTURES[i % 16]!, PICTURES[(i + 3) % 16]!, PICTURES[(i + 7) % 16]!, PICTURES[(i + 11) % 16]!],
    badgeUrl: `http://localhost:4400/sign-in/badge/${"Q".repeat(40)}${String(i).padStart(3, "0")}`,
    ...overrides,
  };
}

async function* fromArray(cards: LoginCard[]) {
  for (const c of cards) yield c;
}

async function render(cards: LoginCard[], cardsPerPage: 8 | 10 = 10): Promise<{ pdf: Buffer; chunks: number }> {
  const parts: Uint8Array[] = [];
  for await (const chunk of loginCardsPdfChunks(fromArray(cards), { cardsPerPage })) parts.push(chunk);
  return { pdf: Buffer.concat(parts), chunks: parts.length };
}

const decode = (image: { width: number; height: number; rgba: Uint8ClampedArray }) => jsQR(image.rgba, image.width, image.height)?.data ?? null;
const pageCount = (pdf: Buffer) => pdf.toString("latin1").match(/\/Type \/Page\b/g)?.length ?? 0;

describe("login cards PDF", () => {
  it("puts a QR on every card that decodes to that pupil's sign-in URL", async () => {
    const cards = Array.from({ length: 12 }, (_, i) => card(i));
    const { pdf } = await render(cards);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.toString("latin1").trimEnd().endsWith("%%EOF")).toBe(true);
    const decoded = pdfImages(pdf).map(decode);
    expect(decoded).toEqual(cards.map((c) => c.badgeUrl));
  });

  it("lays out 10 or 8 cards an A4 page, and streams a chunk per page", async () => {
    const cards = Array.from({ length: 21 }, (_, i) => card(i));
    const ten = await render(cards, 10);
    expect(pageCount(ten.pdf)).toBe(3);
    expect(ten.chunks).toBeGreaterThanOrEqual(3);
    expect(ten.pdf.toString("latin1")).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(pageCount((await render(cards, 8)).pdf)).toBe(3);
    expect(pageCount((await render(cards.slice(0, 17), 8)).pdf)).toBe(3);
    expect(pageCount((await render(cards.slice(0, 16), 8)).pdf)).toBe(2);
  });

  it("leaves the QR off a card without a badge, and still prints an empty group as one page", async () => {
    const { pdf } = await render([card(1, { badgeUrl: null }), card(2)]);
    expect(pdfImages(pdf).map(decode)).toEqual([card(2).badgeUrl]);
    const empty = await render([]);
    expect(pageCount(empty.pdf)).toBe(1);
    expect(pdfImages(empty.pdf)).toEqual([]);
  });

  it("embeds an emoji font for picture passwords, one that has a glyph for every picture (no tofu)", async () => {
    const { pdf } = await render([card(0)]);
    const text = pdf.toString("latin1");
    expect(text).toMatch(/\/FontName \/[A-Z]{6}\+NotoEmoji-Regular/);
    expect(text).toMatch(/\/FontName \/[A-Z]{6}\+Geist-Regular/);
    // The cards draw each picture with the Noto Emoji subset that unicode.json assigns it; each must have the glyph.
    const { create } = await import("fontkit");
    const emojiDir = path.join(process.cwd(), "node_modules/@fontsource/noto-emoji");
    const subsets = JSON.parse(readFileSync(path.join(emojiDir, "unicode.json"), "utf8")) as Record<string, string>;
    for (const picture of PICTURES) {
      const codePoint = picture.codePointAt(0)!;
      const subset = Object.entries(subsets).find(([, ranges]) =>
        ranges.split(",").some((r) => {
          const [from, to] = r.replace("U+", "").split("-").map((h) => parseInt(h, 16));
          return codePoint >= from! && codePoint <= (to ?? from!);
        }),
      );
      expect(subset, picture).toBeDefined();
      const font = create(readFileSync(path.join(emojiDir, "files", `noto-emoji-${subset![0].replace(/[[\]]/g, "")}-400-normal.woff`)));
      expect("hasGlyphForCodePoint" in font && font.hasGlyphForCodePoint(codePoint), picture).toBe(true);
    }
  });
});

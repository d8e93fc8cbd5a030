import { createHash, randomBytes, randomInt } from "node:crypto";
import { CHILD_SAFE_WORDS, offensiveReason } from "./words";

// How pupils' credentials are made and normalised. Everything random comes from node:crypto.

/** The picture grid, in the order it is shown (4 × 4). A picture password is 4 of these, in order. */
export const PICTURE_GRID = ["🐶", "🐱", "🦊", "🐸", "🐼", "🐧", "🦁", "🐢", "🍎", "🍌", "🍓", "🚗", "🚀", "⚽", "🌈", "⭐"] as const;
export const PICTURE_LENGTH = 4;

// Two-digit endings that mean something unpleasant.
const UNSUITABLE_NUMBERS = new Set(["69", "88"]);

/** Three child-safe words and two digits, e.g. "sunnytigerapple42"; never an unkind combination. */
export function newPupilPassword(): string {
  for (;;) {
    const words = [0, 1, 2].map(() => CHILD_SAFE_WORDS[randomInt(CHILD_SAFE_WORDS.length)]!);
    const digits = String(randomInt(100)).padStart(2, "0");
    if (new Set(words).size === 3 && !offensiveReason(words) && !UNSUITABLE_NUMBERS.has(digits)) return `${words.join("")}${digits}`;
  }
}

/** What a pupil typed, as it was issued: case, spaces and dashes don't matter ("Sunny Tiger-Apple 42"). */
export function normalisePupilPassword(typed: string): string {
  return typed.toLowerCase().replace(/[\s.\-_]+/g, "");
}

/** Four picture indexes (0–15), repeats allowed: 16⁴ sequences, so only behind class → name on a shared device. */
export function newPictureSequence(): number[] {
  return Array.from({ length: PICTURE_LENGTH }, () => randomInt(PICTURE_GRID.length));
}

export const pictureKey = (sequence: readonly number[]) => sequence.join("-");

export function picturesOf(key: string): string[] {
  return key.split("-").map((i) => PICTURE_GRID[Number(i)]!);
}

/** A badge secret: 24 random bytes (192 bits), base64url. */
export function newBadgeSecret(): string {
  return randomBytes(24).toString("base64url");
}

/** The lookup key stored for a badge: with 192 random bits, a fast hash is enough. */
export function badgeHashOf(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

// Username suffixes: no 0/o, 1/l/i look-alikes, and always a digit so they never spell a word.
const SUFFIX_LETTERS = "abcdefghjkmnpqrstuvwxyz";
const SUFFIX_DIGITS = "23456789";

/** "leah.e7k": the first name (letters only, accents removed, at most 12) and three random characters. */
export function newUsername(forename: string): string {
  const name =
    forename
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z]/g, "")
      .slice(0, 12) || "pupil";
  const chars = [SUFFIX_LETTERS, SUFFIX_DIGITS, SUFFIX_LETTERS].map((set) => set[randomInt(set.length)]!);
  // Shuffle where the digit goes so suffixes don't all look alike.
  const at = randomInt(3);
  [chars[1], chars[at]] = [chars[at]!, chars[1]!];
  return `${name}.${chars.join("")}`;
}

export function normaliseUsername(typed: string): string {
  return typed.trim().toLowerCase();
}

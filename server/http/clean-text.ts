import { z } from "zod";

// Text from outside (webhooks) is stored only after this: no control characters (PostgreSQL
// refuses NUL) and no longer than the field needs, so a 50 MB "school name" stores 200 chars.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

export function cleanText(value: string, max: number): string {
  return value.replace(CONTROL, "").slice(0, max);
}

/** A zod string read liberally from outside: cleaned and truncated, never refused for length. */
export const outsideText = (max: number) => z.string().transform((value) => cleanText(value, max));

import { z } from "zod";

// Text from outside (webhooks) is stored only after this: no control characters (PostgreSQL
// refuses NUL) and no longer than the field needs, so a 50 MB "school name" stores 200 chars.
// Tab, newline and carriage return are ordinary text; the other C0 controls and DEL never are.
const CONTROL_PATTERN = "[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]";

/** True when the text has a control character other than tab, newline or carriage return. */
export const hasControlCharacters = (value: string) => new RegExp(CONTROL_PATTERN).test(value);

export function cleanText(value: string, max: number): string {
  return value.replace(new RegExp(CONTROL_PATTERN, "g"), "").slice(0, max);
}

/** A zod string read liberally from outside: cleaned and truncated, never refused for length. */
export const outsideText = (max: number) => z.string().transform((value) => cleanText(value, max));

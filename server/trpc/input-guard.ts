import type { z } from "zod";
import { hasControlCharacters } from "../http/clean-text";

/** Longer than any text field the app has (descriptions are capped well below this). */
export const MAX_TEXT_LENGTH = 10_000;

/** Issues in zod's shape (so they reach forms as field errors), on an Error tRPC keeps as the cause. */
export class InputProblems extends Error {
  constructor(readonly issues: z.core.$ZodIssue[]) {
    super("Some text can't be accepted.");
  }
}

/** Field errors for every string in `input` that has control characters or is absurdly long. */
export function inputProblems(input: unknown): InputProblems | null {
  const issues: z.core.$ZodIssue[] = [];
  const visit = (value: unknown, path: PropertyKey[], depth: number) => {
    if (typeof value === "string") {
      // PostgreSQL refuses NUL outright; the other controls only arrive by mistake or malice.
      if (hasControlCharacters(value)) issues.push({ code: "custom", path, message: "Remove the control characters (such as NUL) from this text.", input: value });
      else if (value.length > MAX_TEXT_LENGTH) issues.push({ code: "custom", path, message: `Keep this under ${MAX_TEXT_LENGTH.toLocaleString("en-GB")} characters.`, input: value });
    } else if (value && typeof value === "object" && depth < 20) {
      for (const [key, child] of Object.entries(value)) visit(child, [...path, key], depth + 1);
    }
  };
  visit(input, [], 0);
  return issues.length ? new InputProblems(issues) : null;
}

import { describe, expect, it } from "vitest";
import { passwordProblem } from "@/server/auth/password-policy";
import { setPasswordFormSchema } from "@/lib/password-policy";

const email = "ada.lovelace@oakfield.example";

describe("password policy", () => {
  // First: the list is loaded once, by the first check that reaches it, so this is the test
  // that exercises the loading (StrykerJS credits a mutant in it to this test alone).
  it("refuses passwords from the breached list, ignoring case and decoration", async () => {
    for (const pw of ["qwertyuiop123", "QWERTYUIOP123", "1qaz2wsx3edc", "Liverpool1892!!", "sunshine2024!!", "1892!!Liverpool"]) {
      expect(await passwordProblem(pw, { email }), pw).toMatch(/known to attackers/);
    }
  });

  it("accepts a long, uncommon password such as three random words", async () => {
    expect(await passwordProblem("copper kettle orbit", { email })).toBeNull();
    expect(await passwordProblem("Tr0mbone-Harbour-Lilac", { email })).toBeNull();
  });

  it("asks for at least 12 characters, and accepts exactly 12", async () => {
    expect("kettle orbi").toHaveLength(11);
    expect(await passwordProblem("kettle orbi", { email })).toMatch(/at least 12 characters/);
    expect(await passwordProblem("kettle orbit", { email })).toBeNull();
  });

  it("refuses the email address, or its name part dressed up", async () => {
    expect(await passwordProblem(email.toUpperCase(), { email })).toMatch(/email address/);
    expect(await passwordProblem("ada.lovelace2024!", { email })).toMatch(/email address/);
    expect(await passwordProblem("ada.lovelace2024!", { email: "  Ada.Lovelace@Oakfield.example " })).toMatch(/email address/);
  });

  it("refuses repetitive passwords", async () => {
    expect(await passwordProblem("aaaaaaaaaaaaaaaa", { email })).toMatch(/repetitive/);
    // Four different characters are too few; five are enough.
    expect(await passwordProblem("vxqjvxqjvxqj", { email })).toMatch(/repetitive/);
    expect(await passwordProblem("vxqjzvxqjzvx", { email })).toBeNull();
  });

  it("checks the confirmation in the shared form schema", () => {
    const result = setPasswordFormSchema.safeParse({ password: "copper kettle orbit", confirm: "copper kettle orbiT" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["confirm"]);
  });
});

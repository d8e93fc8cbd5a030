import { z } from "zod";

// NCSC and NIST SP 800-63B: length and a breached-password check protect far
// better than composition rules ("one capital, one symbol"), which people
// satisfy predictably. 12 characters is a little above NIST's minimum because
// these accounts are single-factor and hold pupils' personal data; three random
// words (the NCSC's advice) pass easily. The breached-password check is on the
// server only (server/auth/password-policy.ts): the list is too big to ship to
// the browser.
export const PASSWORD_MIN_LENGTH = 12;
// argon2 takes any length; the cap only stops absurd request bodies.
export const PASSWORD_MAX_LENGTH = 128;

export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters. Three random words work well.`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`);

/** The set-password form: both fields, checked the same way in the browser and on the server. */
export const setPasswordFormSchema = z
  .object({ password: newPasswordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords don't match." });

/** The Forgot password form. */
export const requestResetSchema = z.object({ email: z.email("Enter an email address, like name@school.org.").max(320) });

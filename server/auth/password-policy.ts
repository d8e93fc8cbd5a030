import { newPasswordSchema } from "../../lib/password-policy";

let commonPasswords: Promise<Set<string>> | undefined;

/**
 * ~49,000 common and breached passwords (the list zxcvbn-ts ships, MIT), loaded
 * once, on first use, from the installed package: no network needed.
 */
function loadCommonPasswords(): Promise<Set<string>> {
  commonPasswords ??= import("@zxcvbn-ts/language-common").then(
    ({ dictionary }) => new Set(dictionary["passwords-common"].map((p) => p.toLowerCase())),
  );
  return commonPasswords;
}

/** Why a new password is not good enough, in plain words; null when it is fine. */
export async function passwordProblem(password: string, context: { email: string }): Promise<string | null> {
  const shape = newPasswordSchema.safeParse(password);
  if (!shape.success) return shape.error.issues[0]!.message;

  const lower = password.toLowerCase();
  const email = context.email.trim().toLowerCase();
  const localPart = email.split("@")[0] ?? "";
  if (lower === email || stripped(lower) === localPart)
    return "Don't use your email address as your password.";
  if (new Set(lower).size < 5) return "That password is too repetitive. Try three random words.";

  const common = await loadCommonPasswords();
  // "Liverpool1892!" is "liverpool" with decoration: attackers try those first.
  if (common.has(lower) || common.has(stripped(lower)))
    return "That password is in lists of passwords known to attackers. Choose something less common, such as three random words.";
  return null;
}

/** The password without leading or trailing digits and symbols. */
function stripped(lower: string): string {
  return lower.replace(/^[^a-z]+|[^a-z]+$/g, "");
}

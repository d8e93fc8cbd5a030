import { createElement } from "react";
import { PasswordResetEmail } from "../../emails/PasswordResetEmail";
import { TOKEN_LIFETIME_MS } from "../auth/password-tokens";
import type { Db } from "../db";
import { appLink, describeDuration } from "./links";
import { deliverEmail, type MailConfig, type SentEmail } from "./transport";

export function sendPasswordReset(
  db: Db,
  to: { email: string; name: string | null; schoolName: string | null },
  token: string,
  config?: MailConfig,
): Promise<SentEmail> {
  const url = appLink(`/reset-password/${token}`);
  return deliverEmail(
    db,
    {
      to: to.email,
      subject: "Set a new Staffroom password",
      react: createElement(PasswordResetEmail, { name: to.name, schoolName: to.schoolName, url, validFor: describeDuration(TOKEN_LIFETIME_MS.RESET) }),
    },
    config,
  );
}

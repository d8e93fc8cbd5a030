import { createElement } from "react";
import { InviteEmail } from "../../emails/InviteEmail";
import { TOKEN_LIFETIME_MS } from "../auth/password-tokens";
import { configuredSsoProviders } from "../auth/sso-config";
import type { Db } from "../db";
import { appLink, describeDuration } from "./links";
import { deliverEmail, type MailConfig, type SentEmail } from "./transport";

export function sendInvite(
  db: Db,
  to: { email: string; name: string | null; schoolName: string | null },
  token: string,
  config?: MailConfig,
): Promise<SentEmail> {
  const url = appLink(`/invite/${token}`);
  return deliverEmail(
    db,
    {
      to: to.email,
      subject: `Your Staffroom account${to.schoolName ? ` at ${to.schoolName}` : ""}`,
      react: createElement(InviteEmail, {
        name: to.name,
        schoolName: to.schoolName,
        url,
        validFor: describeDuration(TOKEN_LIFETIME_MS.INVITE),
        signInWithSso: configuredSsoProviders().map((p) => p.label),
      }),
    },
    config,
  );
}

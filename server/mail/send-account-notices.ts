import { createElement } from "react";
import { AccountReenabledEmail } from "../../emails/AccountReenabledEmail";
import { SignInEmailChangedEmail } from "../../emails/SignInEmailChangedEmail";
import type { Db } from "../db";
import { appLink } from "./links";
import { deliverEmail, type MailConfig } from "./transport";

/** Email addresses of the school's active admins. */
async function adminEmails(db: Db, schoolId: string) {
  const admins = await db.schoolMembership.findMany({ where: { schoolId, role: { in: ["SCHOOL_ADMIN", "TRUST_ADMIN"] }, user: { disabledAt: null, email: { not: null } } }, select: { user: { select: { email: true } } } });
  return admins.flatMap((a) => (a.user.email ? [a.user.email] : []));
}

/**
 * Tells the person (at the new address) and the school's admins that a sign-in
 * email followed the MIS. A refused email is logged, never a reason to undo the change.
 */
export async function sendSignInEmailChanged(db: Db, school: { id: string; name: string }, change: { name: string; from: string; to: string }, config?: MailConfig) {
  const props = { ...change, schoolName: school.name, signInUrl: appLink("/sign-in") };
  const subject = "Your Staffroom sign-in email has changed";
  const recipients = [
    { to: change.to, subject, react: createElement(SignInEmailChangedEmail, { ...props, audience: "person" }) },
    ...(await adminEmails(db, school.id)).map((to) => ({ to, subject: `${change.name}'s Staffroom sign-in email changed`, react: createElement(SignInEmailChangedEmail, { ...props, audience: "admin" }) })),
  ];
  await deliverAll(db, recipients, config);
}

/** Tells the school's admins which returning staff can sign in again. */
export async function sendAccountsReenabled(db: Db, school: { id: string; name: string }, names: string[], config?: MailConfig) {
  if (names.length === 0) return;
  const react = createElement(AccountReenabledEmail, { names, schoolName: school.name });
  await deliverAll(db, (await adminEmails(db, school.id)).map((to) => ({ to, subject: "Returning staff can sign in to Staffroom again", react })), config);
}

async function deliverAll(db: Db, emails: Parameters<typeof deliverEmail>[1][], config?: MailConfig) {
  const results = await Promise.allSettled(emails.map((email) => deliverEmail(db, email, config)));
  for (const result of results) if (result.status === "rejected") console.error("An account notice could not be sent:", result.reason);
}

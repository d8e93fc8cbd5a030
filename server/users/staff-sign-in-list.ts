// GET /api/staff-sign-in-links?schoolId=…: the school's staff usernames (their sign-in emails) and,
// for those who have not chosen a password yet, a first-time set-up link: the same single-use,
// 7-day invite link the invite email carries (server/auth/password-tokens.ts). Never a password.
// For admins who hand out accounts on paper or in their own mail merge; in Lite mode it is how
// staff get in at all.
import { csvLine } from "../activity/export";
import { recordActivity } from "../activity/record";
import { TOKEN_LIFETIME_MS, issuePasswordToken } from "../auth/password-tokens";
import type { Db } from "../db";
import { appLink } from "../mail/links";
import { isAdminRole, roleAtSchool } from "../schools/access";
import { accountLabel, activeAccountWhere } from "./status";

const HEADERS = ["Name", "Username", "Status", "Set-up link", "Link expires"];

const text = (status: number, message: string) => new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

/** The CSV's lines; issues a fresh set-up link for every active member of staff without a password. */
export async function staffSignInLines(db: Db, schoolId: string, now = new Date()): Promise<{ lines: string[]; linksIssued: number }> {
  const users = await db.user.findMany({
    where: { ...activeAccountWhere, email: { not: null }, memberships: { some: { schoolId, role: { in: ["STAFF", "SCHOOL_ADMIN"] } } } },
    select: { id: true, email: true, name: true, passwordHash: true, accounts: { select: { provider: true } }, personLinks: { where: { schoolId }, select: { person: { select: { forename: true, surname: true } } } } },
    orderBy: { email: "asc" },
  });
  // By surname of this school's person (a shared member of staff is another school's person too).
  const surname = (u: (typeof users)[number]) => u.personLinks[0]?.person.surname;
  users.sort((a, b) => (surname(a) ?? "\uffff").localeCompare(surname(b) ?? "\uffff") || a.email!.localeCompare(b.email!));
  const expires = new Date(now.getTime() + TOKEN_LIFETIME_MS.INVITE).toISOString().slice(0, 16).replace("T", " ");
  const lines = [csvLine(HEADERS)];
  let linksIssued = 0;
  for (const user of users) {
    const person = user.personLinks[0]?.person;
    const name = person ? `${person.forename} ${person.surname}` : (user.name ?? "");
    if (user.passwordHash) {
      lines.push(csvLine([name, user.email!, "Has a password", "", ""]));
      continue;
    }
    // Issuing replaces the user's earlier unused invite link: only the newest one works.
    const token = await issuePasswordToken(db, user.id, "INVITE", now);
    linksIssued++;
    const status = user.accounts.length ? "Signs in with Google/Microsoft; can also set a password" : "Needs to set a password";
    lines.push(csvLine([name, user.email!, status, appLink(`/invite/${token}`), `${expires} UTC`]));
  }
  return { lines, linksIssued };
}

export async function staffSignInCsvResponse(db: Db, userId: string | null, url: URL, now = new Date()): Promise<Response> {
  if (!userId) return text(401, "Please sign in.");
  const schoolId = url.searchParams.get("schoolId");
  if (!schoolId || schoolId.length > 100) return text(400, "Which school? The link is missing its schoolId.");
  if (!isAdminRole(await roleAtSchool(db, userId, schoolId))) return text(403, "Only this school's administrators can download staff sign-in details.");
  const { lines, linksIssued } = await staffSignInLines(db, schoolId, now);
  const actor = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true } });
  await recordActivity({ schoolId, actor: { userId, label: accountLabel(actor) }, action: "Staff Sign-in List Exported", subject: { type: "School", id: schoolId }, details: { staff: lines.length - 1, linksIssued } }, db);
  return new Response(`\uFEFF${lines.join("")}`, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="staff-sign-in-${now.toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

// Finding 5: production without RESEND_API_KEY stored reset emails with working links in
// OutboxEmail and marked notifications SENT. Now it refuses to start (production-startup
// test) unless EMAIL_TRANSPORT=log, which sends and stores nothing and says so.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import type { MailConfig } from "@/server/mail/transport";
import { requestPasswordReset, sendInviteEmail } from "@/server/users/passwords";
import { createSchool, createUser } from "../helpers/fixtures";

const EMAIL_DISABLED: MailConfig = { from: "Staffroom <staffroom@example.org>", disabled: true };

describe("EMAIL_TRANSPORT=log", () => {
  let schoolId: string;
  beforeAll(async () => {
    schoolId = (await createSchool(db)).id;
  });
  afterAll(() => db.$disconnect());

  it("keeps no reset link anywhere, and logs that no email was sent", async () => {
    const user = await createUser(db, { schoolId });
    const outboxBefore = await db.outboxEmail.count();
    await requestPasswordReset(db, user.email, EMAIL_DISABLED);
    expect(await db.outboxEmail.count()).toBe(outboxBefore);
    const event = await db.activityEvent.findFirstOrThrow({ where: { subjectId: user.id, action: "Password Reset Requested" } });
    expect((event.details as { outcome: string }).outcome).toMatch(/no email sent: email is disabled/);
    // Only the token's hash is stored, as always.
    const token = await db.passwordToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(Object.values(token).join(" ")).not.toMatch(/reset-password\//);
  });

  it("tells the admin an invite was not sent instead of pretending", async () => {
    const admin = await createUser(db, { schoolId, role: "SCHOOL_ADMIN" });
    const user = await createUser(db, { schoolId });
    await expect(sendInviteEmail(db, schoolId, { userId: admin.id, label: admin.email }, user.id, EMAIL_DISABLED)).rejects.toThrow(/invite was not sent: email is disabled/);
  });
});

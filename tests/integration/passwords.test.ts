import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { checkPasswordSignIn } from "@/server/auth/credentials";
import { hashToken, issuePasswordToken } from "@/server/auth/password-tokens";
import { appRouter } from "@/server/trpc/root";
import { describePasswordLink, INVALID_LINK_MESSAGE, requestPasswordReset, sendInviteEmail, setPasswordWithToken } from "@/server/users/passwords";
import type { MailConfig } from "@/server/mail/transport";
import { contextFor, createSchool, createUser } from "../helpers/fixtures";
import { linkIn, startResendStandIn, type ResendStandIn } from "../helpers/resend-stand-in";

const NEW_PASSWORD = "copper kettle orbit";

describe("forgot password and invites", () => {
  let resend: ResendStandIn;
  let viaResend: MailConfig;
  let schoolId: string;
  beforeAll(async () => {
    resend = await startResendStandIn();
    viaResend = { apiKey: "re_test_key", baseUrl: resend.url, from: "Staffroom <staffroom@oakfield.example>" };
    schoolId = (await createSchool(db, "Oakfield Primary School")).id;
  });
  beforeEach(() => {
    resend.emails.length = 0;
  });
  afterAll(async () => {
    await resend.stop();
    await db.$disconnect();
  });

  const tokenFrom = (link: string) => decodeURIComponent(new URL(link).pathname.split("/").pop()!);

  it("sends a reset link through the Resend SDK; the link sets a password once", async () => {
    const user = await createUser(db, { schoolId, email: "reset.me@oakfield.example" });
    await requestPasswordReset(db, "  Reset.Me@Oakfield.example ", viaResend);

    expect(resend.emails).toHaveLength(1);
    const [email] = resend.emails;
    expect(email).toMatchObject({ to: "reset.me@oakfield.example", from: viaResend.from, subject: "Set a new Staffroom password", authorization: "Bearer re_test_key" });
    expect(email!.html).toContain("Oakfield Primary School");
    expect(email!.text).toContain("1 hour");
    const token = tokenFrom(linkIn(email!, "/reset-password/"));

    // Only the hash is stored.
    const stored = await db.passwordToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(stored.tokenHash).not.toContain(token);

    expect(await describePasswordLink(db, token)).toEqual({ valid: true, purpose: "RESET", email: "reset.me@oakfield.example" });
    expect(await setPasswordWithToken(db, { token, password: NEW_PASSWORD })).toEqual({ email: "reset.me@oakfield.example" });
    expect((await checkPasswordSignIn(db, { email: "reset.me@oakfield.example", password: NEW_PASSWORD })).ok).toBe(true);

    await expect(setPasswordWithToken(db, { token, password: "another fine password" })).rejects.toThrow(INVALID_LINK_MESSAGE);
    expect(await describePasswordLink(db, token)).toEqual({ valid: false });
  });

  it("lets only one of two simultaneous uses of a link through", async () => {
    const user = await createUser(db, { schoolId });
    const token = await issuePasswordToken(db, user.id, "RESET");
    const results = await Promise.allSettled([
      setPasswordWithToken(db, { token, password: "first racing password" }),
      setPasswordWithToken(db, { token, password: "second racing password" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
  });

  it("refuses an expired link", async () => {
    const user = await createUser(db, { schoolId });
    const token = await issuePasswordToken(db, user.id, "RESET", new Date(Date.now() - 61 * 60_000));
    expect(await describePasswordLink(db, token)).toEqual({ valid: false });
    await expect(setPasswordWithToken(db, { token, password: NEW_PASSWORD })).rejects.toThrow(INVALID_LINK_MESSAGE);
  });

  it("refuses a weak password and keeps the link usable", async () => {
    const user = await createUser(db, { schoolId });
    const token = await issuePasswordToken(db, user.id, "RESET");
    await expect(setPasswordWithToken(db, { token, password: "password1234" })).rejects.toThrow(/known to attackers/);
    expect((await describePasswordLink(db, token)).valid).toBe(true);
  });

  it("makes older links stop working when a new one is sent", async () => {
    const user = await createUser(db, { schoolId });
    const first = await issuePasswordToken(db, user.id, "RESET");
    const second = await issuePasswordToken(db, user.id, "RESET");
    expect((await describePasswordLink(db, first)).valid).toBe(false);
    expect((await describePasswordLink(db, second)).valid).toBe(true);
  });

  it("sends nothing for an unknown or disabled address, and answers the same as for a known one", async () => {
    const disabled = await createUser(db, { schoolId, email: "left@oakfield.example" });
    await db.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    await createUser(db, { schoolId, email: "known@oakfield.example" });

    const anonymous = appRouter.createCaller(contextFor(db, null));
    const answers = await Promise.all(["nobody@oakfield.example", "left@oakfield.example", "known@oakfield.example"].map((email) => anonymous.passwords.requestReset({ email })));
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);

    await requestPasswordReset(db, "nobody@oakfield.example", viaResend);
    await requestPasswordReset(db, "left@oakfield.example", viaResend);
    expect(resend.emails).toHaveLength(0);
    const logged = await db.activityEvent.findMany({ where: { action: "Password Reset Requested", subjectLabel: { in: ["nobody@oakfield.example", "left@oakfield.example"] } } });
    expect(logged.map((e) => (e.details as { outcome: string }).outcome)).toEqual(expect.arrayContaining([expect.stringMatching(/no active account/)]));
  });

  it("sends at most one reset email a minute to an address", async () => {
    await createUser(db, { schoolId, email: "impatient@oakfield.example" });
    await requestPasswordReset(db, "impatient@oakfield.example", viaResend);
    await requestPasswordReset(db, "impatient@oakfield.example", viaResend);
    expect(resend.emails).toHaveLength(1);
  });

  it("invites a staff member: a 7-day link that sets the first password", async () => {
    const admin = await createUser(db, { schoolId, role: "SCHOOL_ADMIN" });
    const staff = await createUser(db, { schoolId, email: "new.teacher@oakfield.example" });
    expect(await sendInviteEmail(db, schoolId, { userId: admin.id, label: admin.email }, staff.id, viaResend)).toEqual({ email: "new.teacher@oakfield.example" });
    const [email] = resend.emails;
    expect(email!.subject).toBe("Your Staffroom account at Oakfield Primary School");
    expect(email!.text).toContain("7 days");
    const token = tokenFrom(linkIn(email!, "/invite/"));
    const stored = await db.passwordToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBeGreaterThan(6.9 * 24 * 3_600_000);
    expect(await describePasswordLink(db, token)).toMatchObject({ valid: true, purpose: "INVITE" });
    await setPasswordWithToken(db, { token, password: NEW_PASSWORD });
    expect((await checkPasswordSignIn(db, { email: "new.teacher@oakfield.example", password: NEW_PASSWORD })).ok).toBe(true);
  });

  it("refuses to invite someone from another school", async () => {
    const otherSchool = (await createSchool(db)).id;
    const admin = await createUser(db, { schoolId, role: "SCHOOL_ADMIN" });
    const stranger = await createUser(db, { schoolId: otherSchool });
    await expect(sendInviteEmail(db, schoolId, { userId: admin.id, label: admin.email }, stranger.id, viaResend)).rejects.toThrow(/no active account at this school/);
    expect(resend.emails).toHaveLength(0);
  });

  it("files emails in the dev outbox when no Resend key is set", async () => {
    await createUser(db, { schoolId, email: "outbox@oakfield.example" });
    await requestPasswordReset(db, "outbox@oakfield.example", { from: "Staffroom <x@y.example>" });
    expect(resend.emails).toHaveLength(0);
    const filed = await db.outboxEmail.findFirstOrThrow({ where: { to: "outbox@oakfield.example" } });
    expect(filed.subject).toBe("Set a new Staffroom password");
    expect(filed.html).toContain("http://localhost:3000/reset-password/");
    expect(filed.text).toContain("/reset-password/");
  });
});

// Incident notifications without the Wonde emulator: contacts come from a stand-in client, mail
// goes to the local Resend stand-in. What the email says, which rows and log lines each outcome
// leaves, the refusals before anything is sent, acknowledgement links and Resend's delivery
// events (written for the mutants tests/integration/incidents.test.ts let through).
import { createHash, createHmac } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { acknowledge, applyResendEvent, describeAck, retryNotification, sendNotifications } from "@/server/incidents/notifications";
import { incidentFields, type IncidentFieldsInput } from "@/server/incidents/input";
import type { MailConfig } from "@/server/mail/transport";
import { createIncident, setIncidentStatus } from "@/server/incidents/service";
import { addLocation } from "@/server/incidents/settings";
import type { WondeClient } from "@/server/wonde";
import { createUser } from "../helpers/fixtures";
import { createStaffPerson } from "../helpers/people";
import { createPupilPerson } from "../helpers/pupils";
import { linkIn, startResendStandIn, type ResendStandIn } from "../helpers/resend-stand-in";

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
/** A link token signed as the product signs them (server/incidents/notifications.ts). */
const signedToken = (random: string) => `${random}.${createHmac("sha256", env.AUTH_SECRET).update(`incident-ack:${random}`).digest("base64url").slice(0, 22)}`;

const PARENT = { id: "c-parent", title: "Mrs", forename: "Ruth", surname: "Ayling", relationship: { relationship: "Mother", parental_responsibility: true, priority: 1 }, contact_details: { emails: { email: "ruth.ayling@home.example" } } };
const NO_EMAIL = { id: "c-noemail", forename: "Tom", surname: "Ayling", relationship: { relationship: "Father", parental_responsibility: true, priority: 2 }, contact_details: { emails: {} } };
const KIN = { id: "k-partner", name: "Sam Okafor", relationship: "Partner", email_primary: "sam.okafor@home.example", priority: 1 };

/** Wonde as the school's MIS would answer for one pupil's contacts and one employee's next of kin. */
const wonde = { student: async () => ({ contacts: [PARENT, NO_EMAIL] }), employee: async () => ({ next_of_kin: [KIN] }) } as unknown as WondeClient;
const clientFor = () => wonde;

describe("incident notifications (stand-in Wonde)", () => {
  let resend: ResendStandIn;
  let viaResend: MailConfig;
  let schoolId: string;
  let schoolName: string;
  let teacher: { id: string; email: string };
  let otherTeacherId: string;
  let pupil: { id: string; forename: string; surname: string };
  let staffMember: { id: string; forename: string; surname: string };
  const deps = (mail?: MailConfig) => ({ mail: mail ?? viaResend, clientFor });
  const caller = (userId: string) => ({ userId, schoolId, role: "STAFF" as const });

  beforeAll(async () => {
    resend = await startResendStandIn();
    viaResend = { apiKey: "re_notify_key", baseUrl: resend.url, from: "Staffroom <staffroom@notify.example>" };
    schoolName = `Notify Primary ${process.pid}`;
    schoolId = (await db.school.create({ data: { name: schoolName, wondeId: `W-notify-${process.pid}`, wondeTokenEnc: "stand-in" } })).id;
    teacher = await createUser(db, { schoolId, role: "STAFF" });
    otherTeacherId = (await createUser(db, { schoolId, role: "STAFF" })).id;
    pupil = await createPupilPerson(db, schoolId, { forename: "Ella", surname: "Ayling" });
    staffMember = await createStaffPerson(db, schoolId, { forename: "Chidi", surname: "Okafor" });
    await db.externalId.createMany({
      data: [
        { schoolId, entity: "student", externalId: `A-${pupil.id}`, personId: pupil.id },
        { schoolId, entity: "employee", externalId: `B-${staffMember.id}`, personId: staffMember.id },
      ],
    });
  });
  beforeEach(() => {
    resend.emails.length = 0;
  });
  afterAll(async () => {
    await resend.stop();
    await db.$disconnect();
  });

  async function logIncident(overrides: Partial<IncidentFieldsInput> = {}, by = teacher.id) {
    const fields: IncidentFieldsInput = {
      occurredAt: "2026-03-02T09:15",
      locationDetail: "Hall",
      type: "ILLNESS",
      severity: "MODERATE",
      description: "Felt faint in assembly.",
      affected: [{ personId: pupil.id }],
      actions: [],
      ...overrides,
    };
    // The service itself, not the tRPC router: importing the router costs each mutant seconds.
    const { id } = await createIncident(db, caller(by), incidentFields.parse(fields));
    const affected = await db.incidentPerson.findMany({ where: { incidentId: id }, orderBy: { position: "asc" } });
    const incident = await db.incident.findUniqueOrThrow({ where: { id } });
    return { id, number: incident.number, affectedId: affected[0]!.id, affected };
  }
  const send = (incident: { id: string; affectedId: string }, opts: { keys?: string[]; ack?: boolean; mail?: MailConfig; by?: string } = {}) =>
    sendNotifications(db, caller(opts.by ?? teacher.id), { incidentId: incident.id, affectedId: incident.affectedId, recipientKeys: opts.keys ?? [PARENT.id], acknowledgement: opts.ack ?? false }, deps(opts.mail));
  const logged = (incidentId: string) => db.activityEvent.findMany({ where: { subjectType: "Incident", subjectId: incidentId }, orderBy: [{ at: "asc" }, { id: "asc" }] });

  it("writes the email from the incident: place, kind, injury, first aid, outcome, reference, and replies to the reporter", async () => {
    const admin = await createUser(db, { schoolId, role: "SCHOOL_ADMIN" });
    const location = await addLocation(db, { userId: admin.id, schoolId, role: "SCHOOL_ADMIN" }, `Field ${process.pid}`);
    const incident = await logIncident({
      locationId: location.id,
      locationDetail: "by the goal",
      type: "ACCIDENT_INJURY",
      severity: "SERIOUS",
      description: "Fell while running.",
      affected: [{ personId: pupil.id, injury: "Sprain", bodyPart: "Right ankle" }],
      firstAidGiven: true,
      firstAidBy: "Mr Patel",
      outcome: "SENT_HOME",
    });
    const [sent] = await send(incident);
    expect(sent).toMatchObject({ status: "SENT", error: null, recipientName: "Mrs Ruth Ayling", recipientEmail: PARENT.contact_details.emails.email, resendId: resend.emails[0]!.id });
    expect(sent!.sentAt).toBeInstanceOf(Date);
    const email = resend.emails[0]! as (typeof resend.emails)[number] & { reply_to?: string | string[] };
    expect(email.subject).toBe(`${schoolName}: an incident involving Ella Ayling`);
    // No office address in the school's settings: replies go to the teacher who logged it.
    expect([email.reply_to].flat()).toEqual([teacher.email]);
    expect(email.text).toContain(`write to ${teacher.email}`);
    expect(email.text).toContain("Dear Mrs Ruth Ayling,");
    expect(email.text).toContain(`We are writing to let you know about an incident at ${schoolName} involving Ella Ayling.`);
    expect(email.text).toContain(`Field ${process.pid} – by the goal`);
    expect(email.text).toContain("Accident / injury (serious)");
    expect(email.text).toContain("Fell while running.");
    expect(email.text).toContain("Sprain (Right ankle)");
    for (const heading of ["Injury", "First aid", "What happened next"]) expect(email.text).toMatch(new RegExp(`^${heading}$`, "m"));
    expect(email.text).toContain("First aid was given by Mr Patel");
    expect(email.text).toContain("Sent home");
    expect(email.text).toContain(`INC-${String(incident.number).padStart(4, "0")}`);
    expect(email.text).toContain("2 Mar 2026");
    // Sent without asking for an acknowledgement: no link, and no token kept.
    expect(email.text).not.toContain("/ack/");
    expect((await db.incidentNotification.findUniqueOrThrow({ where: { id: sent!.id } })).ackTokenHash).toBeNull();
    const row = await db.incidentNotification.findUniqueOrThrow({ where: { id: sent!.id } });
    expect(row).toMatchObject({ recipientKind: "contact", relationship: "Mother", attempts: 1, sentByUserId: teacher.id, affectedId: incident.affectedId, schoolId });
    expect(row.statusAt).toEqual(row.sentAt);
    const event = (await logged(incident.id)).find((e) => e.action === "Incident Notification Sent")!;
    expect(event.details).toEqual({ notificationId: sent!.id, attempt: 1 });
  });

  it("says 'At school' with no place, leaves out what was not recorded, and uses the trust's wording and the school's office", async () => {
    const trust = await db.trust.create({ data: { name: `Notify Trust ${process.pid}`, incidentNotificationTemplate: "Hello from {school}: a note about {name}." } });
    await db.school.update({ where: { id: schoolId }, data: { trustId: trust.id } });
    await db.incidentSettings.create({ data: { schoolId, replyToEmail: "office@notify.example" } });
    try {
      const incident = await logIncident({ description: "Felt unwell." });
      // No location and no detail recorded (as older incidents have), so "At school".
      await db.incident.update({ where: { id: incident.id }, data: { locationId: null, locationDetail: null } });
      await send(incident);
      const email = resend.emails[0]! as (typeof resend.emails)[number] & { reply_to?: string | string[] };
      expect(email.text).toContain("At school");
      expect(email.text).toContain(`Hello from ${schoolName}: a note about Ella Ayling.`);
      expect([email.reply_to].flat()).toEqual(["office@notify.example"]);
      for (const heading of ["Injury", "First aid", "What happened next"]) expect(email.text).not.toMatch(new RegExp(`^${heading}$`, "m"));
      expect(email.text).toContain("Illness (moderate)");

      const firstAidOnly = await logIncident({ firstAidGiven: true, firstAidDetails: "Ice pack", affected: [{ personId: pupil.id, bodyPart: "Elbow" }] });
      resend.emails.length = 0;
      await send(firstAidOnly);
      // Nobody named as giving it: the details alone, with nothing after them.
      expect(resend.emails[0]!.text).toMatch(/^Ice pack$/m);
      expect(resend.emails[0]!.html).toContain(">Ice pack</p>");
      expect(resend.emails[0]!.text).not.toContain("First aid was given");
      expect(resend.emails[0]!.text).toContain("(Elbow)");
      expect(resend.emails[0]!.text).toContain("Hall");
    } finally {
      await db.incidentSettings.delete({ where: { schoolId } });
      await db.school.update({ where: { id: schoolId }, data: { trustId: null } });
    }
  });

  it("names only the child the email is about: the other pupils in the incident or its text become 'another pupil'", async () => {
    const other = await createPupilPerson(db, schoolId, { forename: "Kofi", surname: "Mensah" });
    const named = await createPupilPerson(db, schoolId, { forename: "Ivy", surname: "Tamsin" });
    const incident = await logIncident({
      description: "Ella Ayling and Kofi Mensah collided; Ivy Tamsin fetched a teacher.",
      locationDetail: "Near Kofi Mensah's classroom",
      affected: [{ personId: pupil.id, injury: "Bumped head" }, { personId: other.id }],
      firstAidGiven: true,
      firstAidDetails: "Ivy Tamsin held the ice pack",
    });
    await send(incident);
    const email = resend.emails[0]!;
    for (const body of [email.text, email.html, email.subject]) for (const name of ["Kofi", "Mensah", "Ivy", "Tamsin"]) expect(body).not.toContain(name);
    expect(email.text).toContain("Ella Ayling and another pupil collided; another pupil fetched a teacher.");
    expect(email.text).toContain("another pupil held the ice pack");
    expect(email.text).toMatch(/Near another pupil('s)? classroom/);
    expect(named.id).not.toBe(other.id);
  });

  it("finds other pupils named in any free-text field, and another affected pupil by first name alone; each child's email is about that child", async () => {
    const second = await createPupilPerson(db, schoolId, { forename: "Zack", surname: "Penrose" });
    await db.externalId.create({ data: { schoolId, entity: "student", externalId: `A-${second.id}`, personId: second.id } });
    const named = {
      end: await createPupilPerson(db, schoolId, { forename: "Tess", surname: "Arden" }),
      place: await createPupilPerson(db, schoolId, { forename: "Nia", surname: "Brook" }),
      injury: await createPupilPerson(db, schoolId, { forename: "Omar", surname: "Quill" }),
      bodyPart: await createPupilPerson(db, schoolId, { forename: "Lena", surname: "Voss" }),
      firstAid: await createPupilPerson(db, schoolId, { forename: "Ruby", surname: "Stone" }),
    };
    const incident = await logIncident({
      // Tess Arden ends the description, with the place right after it: the fields are read as separate words.
      description: "Ella and Zack collided beside Tess Arden",
      locationDetail: "Outside Nia Brook's classroom",
      affected: [{ personId: pupil.id, injury: "Bruise from Omar Quill's bag", bodyPart: "Arm Lena Voss knocked" }, { personId: second.id }],
      firstAidGiven: true,
      firstAidDetails: "Ruby Stone fetched ice",
    });
    await send(incident);
    const email = resend.emails[0]!;
    expect(email.subject).toContain("Ella Ayling");
    for (const person of [second, ...Object.values(named)]) for (const name of [person.forename, person.surname]) expect(`${email.text} ${email.html}`).not.toContain(name);
    expect(email.text).toContain("Ella and another pupil collided beside another pupil");

    // The second child's family hears about the second child, with Ella taken out.
    resend.emails.length = 0;
    await send({ id: incident.id, affectedId: incident.affected[1]!.id });
    expect(resend.emails[0]!.subject).toBe(`${schoolName}: an incident involving Zack Penrose`);
    expect(resend.emails[0]!.text).toContain("another pupil and Zack collided");
    expect(`${resend.emails[0]!.text} ${resend.emails[0]!.subject}`).not.toContain("Ella");
  });

  it("keeps no Resend id for an email filed in the dev outbox, and sets no reply-to when there is no address to give", async () => {
    const incident = await logIncident();
    const [filed] = await send(incident, { mail: { from: viaResend.from } });
    expect(filed).toMatchObject({ status: "SENT", resendId: null });
    expect(await db.outboxEmail.count({ where: { to: PARENT.contact_details.emails.email, subject: `${schoolName}: an incident involving Ella Ayling` } })).toBeGreaterThan(0);

    const noEmail = await createUser(db, { schoolId, role: "STAFF" });
    await db.user.update({ where: { id: noEmail.id }, data: { email: null } });
    const unreachable = await logIncident({}, noEmail.id);
    await send(unreachable, { by: noEmail.id });
    const email = resend.emails[0]! as (typeof resend.emails)[number] & { reply_to?: string | string[] };
    expect(email.reply_to ?? []).toEqual([]);
  });

  it("emails a staff member's next of kin, and several chosen contacts one notification each", async () => {
    const incident = await logIncident({ affected: [{ personId: staffMember.id }] });
    const [sent] = await send(incident, { keys: [KIN.id] });
    expect(sent).toMatchObject({ status: "SENT", recipientName: "Sam Okafor", recipientEmail: KIN.email_primary });
    expect(await db.incidentNotification.findUniqueOrThrow({ where: { id: sent!.id } })).toMatchObject({ recipientKind: "next_of_kin", relationship: "Partner" });
    expect(resend.emails[0]!.subject).toContain("Chidi Okafor");

    const lookup = { ...wonde, student: async () => ({ contacts: [PARENT, { ...PARENT, id: "c-second", forename: "Jo", contact_details: { emails: { email: "jo@home.example" } } }] }) } as unknown as WondeClient;
    const pupilIncident = await logIncident();
    resend.emails.length = 0;
    const both = await sendNotifications(db, caller(teacher.id), { incidentId: pupilIncident.id, affectedId: pupilIncident.affectedId, recipientKeys: ["c-second", PARENT.id], acknowledgement: false }, { mail: viaResend, clientFor: () => lookup });
    expect(both.map((n) => n.recipientEmail)).toEqual(["jo@home.example", PARENT.contact_details.emails.email]);
    expect(resend.emails.map((e) => e.to).flat()).toEqual(["jo@home.example", PARENT.contact_details.emails.email]);
  });

  it("refuses before sending: a visitor, a contact Wonde no longer has, no choice, a contact without email, someone else's incident", async () => {
    const incident = await logIncident({ affected: [{ personId: pupil.id }, { visitorKind: "VISITOR", visitorName: "Pat Visitor" }] });
    const visitor = { id: incident.id, affectedId: incident.affected[1]!.id };
    await expect(send(visitor)).rejects.toThrow("Only pupils and staff from the MIS have contacts to notify.");
    // An affected row of another incident is not this incident's.
    const other = await logIncident();
    await expect(send({ id: incident.id, affectedId: other.affectedId })).rejects.toThrow("Only pupils and staff from the MIS have contacts to notify.");
    await expect(send(incident, { keys: ["c-gone"] })).rejects.toThrow(/The contacts have changed in the MIS/);
    await expect(send(incident, { keys: [PARENT.id, "c-gone"] })).rejects.toThrow(/The contacts have changed in the MIS/);
    await expect(send(incident, { keys: [] })).rejects.toThrow(/The contacts have changed in the MIS/);
    await expect(send(incident, { keys: [PARENT.id, NO_EMAIL.id] })).rejects.toThrow("Tom Ayling has no email address in the MIS.");
    await expect(send(incident, { by: otherTeacherId })).rejects.toThrow(/No such incident/);
    await setIncidentStatus(db, caller(teacher.id), incident.id, "CLOSED");
    await expect(send(incident)).rejects.toThrow(/Only the person who logged this incident, or an administrator, can notify families/);
    expect(resend.emails).toHaveLength(0);
    expect(await db.incidentNotification.count({ where: { incidentId: incident.id } })).toBe(0);
  });

  it("logs a failure with its reason and a disabled transport as not sent; retries only failed or bounced ones, keeping the acknowledgement choice", async () => {
    const incident = await logIncident();
    const [failed] = await send(incident, { mail: { ...viaResend, baseUrl: "http://127.0.0.1:9" }, ack: true });
    expect(failed).toMatchObject({ status: "FAILED", sentAt: null, resendId: null });
    const failedEvent = (await logged(incident.id)).find((e) => e.action === "Incident Notification Failed")!;
    expect(failedEvent.details).toEqual({ notificationId: failed!.id, attempt: 1, error: failed!.error });
    expect(failed!.error).toEqual(expect.any(String));

    // Another school's caller, or a notification that did not fail, cannot be retried.
    await expect(retryNotification(db, { ...caller(teacher.id), schoolId: "another-school" }, failed!.id, deps())).rejects.toThrow("No such notification.");
    const retried = await retryNotification(db, caller(teacher.id), failed!.id, deps());
    expect(retried).toMatchObject({ status: "SENT", error: null });
    // It was sent with an acknowledgement link, so the retry has one (a new one).
    expect(resend.emails[0]!.text).toContain("/ack/");
    expect((await db.incidentNotification.findUniqueOrThrow({ where: { id: failed!.id } })).ackTokenHash).toEqual(expect.any(String));
    const sentEvent = (await logged(incident.id)).find((e) => e.action === "Incident Notification Sent")!;
    expect(sentEvent.details).toEqual({ notificationId: failed!.id, attempt: 2 });
    await expect(retryNotification(db, caller(teacher.id), failed!.id, deps())).rejects.toThrow("Only a notification that failed or bounced can be sent again.");

    // A bounced one can be sent again; one sent without an acknowledgement is retried without.
    const [plain] = await send(incident, { mail: { ...viaResend, baseUrl: "http://127.0.0.1:9" } });
    await db.incidentNotification.update({ where: { id: plain!.id }, data: { status: "BOUNCED" } });
    resend.emails.length = 0;
    expect((await retryNotification(db, caller(teacher.id), plain!.id, deps())).status).toBe("SENT");
    expect(resend.emails[0]!.text).not.toContain("/ack/");

    const [notSent] = await send(incident, { mail: { ...viaResend, disabled: true } });
    expect(notSent).toMatchObject({ status: "NOT_SENT", error: "Not sent (email disabled)", sentAt: null });
    expect((await logged(incident.id)).map((e) => e.action)).toContain("Incident Notification Not Sent");
  });

  it("acknowledges once through a signed link, and refuses a link without its parts or longer than any issued", async () => {
    const incident = await logIncident();
    const [notification] = await send(incident, { ack: true });
    const token = decodeURIComponent(new URL(linkIn(resend.emails[0]!, "/ack/")).pathname.split("/").pop()!);
    const reference = `INC-${String(incident.number).padStart(4, "0")}`;
    expect(await describeAck(db, token)).toEqual({ valid: true, schoolName, reference, acknowledgedAt: null });
    const first = await acknowledge(db, token);
    expect(first).toMatchObject({ state: "acknowledged", schoolName, reference });
    const again = await acknowledge(db, token);
    expect(again).toEqual({ state: "already", acknowledgedAt: first.state === "invalid" ? null : first.acknowledgedAt, schoolName, reference });
    expect((await describeAck(db, token)) as { acknowledgedAt: Date }).toMatchObject({ acknowledgedAt: first.state === "invalid" ? null : first.acknowledgedAt });
    const events = (await logged(incident.id)).filter((e) => e.action === "Incident Notification Acknowledged");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorLabel: "Acknowledgement link", schoolId, details: { notificationId: notification!.id } });

    const [random] = token.split(".") as [string];
    // A signature of another length is refused, not compared (timingSafeEqual throws on unequal lengths).
    for (const broken of [`${random}.`, `.${token.split(".")[1]}`, random, `${random}.short`, `${token}x`]) {
      expect(await describeAck(db, broken)).toEqual({ valid: false });
      expect(await acknowledge(db, broken)).toEqual({ state: "invalid" });
    }
    // A forged signature of the right length, on a row that holds the forged link's hash: the
    // signature is compared, not just the stored hash.
    const [, signature] = token.split(".") as [string, string];
    const forged = `${random}.${signature.slice(0, -1)}${signature.endsWith("A") ? "B" : "A"}`;
    expect(forged).toHaveLength(token.length);
    const stored = await db.incidentNotification.findFirstOrThrow({ where: { incidentId: incident.id } });
    await db.incidentNotification.update({ where: { id: stored.id }, data: { ackTokenHash: sha256(forged) } });
    expect(await describeAck(db, forged)).toEqual({ valid: false });
    expect(await acknowledge(db, forged)).toEqual({ state: "invalid" });
    // Correctly signed, stored, but longer than any link Staffroom issues: refused unread.
    const long = signedToken("x".repeat(220));
    const row = await db.incidentNotification.findFirstOrThrow({ where: { incidentId: incident.id } });
    const other = await db.incidentNotification.create({
      data: { incidentId: incident.id, affectedId: row.affectedId, schoolId, recipientName: "Long", recipientEmail: "long@home.example", recipientKind: "contact", sentByUserId: teacher.id, ackTokenHash: sha256(long) },
    });
    expect(await describeAck(db, long)).toEqual({ valid: false });
    expect(await acknowledge(db, long)).toEqual({ state: "invalid" });
    // The same kind of link, within the limit, works: the limit alone refused it.
    const short = signedToken("y".repeat(100));
    await db.incidentNotification.update({ where: { id: other.id }, data: { ackTokenHash: sha256(short) } });
    expect(await describeAck(db, short)).toMatchObject({ valid: true });
    // The limit is 200 characters: a link of exactly 200 is read, one of 201 is not.
    for (const [length, valid] of [[200, true], [201, false]] as const) {
      const atLimit = signedToken("z".repeat(length - 23));
      expect(atLimit).toHaveLength(length);
      await db.incidentNotification.update({ where: { id: other.id }, data: { ackTokenHash: sha256(atLimit) } });
      expect(await describeAck(db, atLimit)).toMatchObject({ valid });
    }
  });

  describe("Resend delivery events", () => {
    async function sentNotification() {
      const incident = await logIncident();
      const [sent] = await send(incident);
      return { incident, id: sent!.id, emailId: sent!.resendId! };
    }
    const status = async (id: string) => db.incidentNotification.findUniqueOrThrow({ where: { id }, select: { status: true, error: true, statusAt: true } });

    it("ignores events it does not track, events without an email id, and emails it did not send", async () => {
      const { id, emailId } = await sentNotification();
      expect(await applyResendEvent(db, { type: "email.opened", data: { email_id: emailId } })).toEqual({ applied: false, reason: "ignored event" });
      expect(await applyResendEvent(db, { type: "email.delivered", data: {} })).toEqual({ applied: false, reason: "ignored event" });
      expect(await applyResendEvent(db, { type: "email.delivered" })).toEqual({ applied: false, reason: "ignored event" });
      expect(await applyResendEvent(db, { type: "email.delivered", data: { email_id: "re_not_ours" } })).toEqual({ applied: false, reason: "unknown email" });
      expect((await status(id)).status).toBe("SENT");
    });

    it("moves a status forward only, stamping the event's time and logging each step", async () => {
      const { incident, id, emailId } = await sentNotification();
      expect(await applyResendEvent(db, { type: "email.sent", data: { email_id: emailId } })).toEqual({ applied: false, reason: "not newer" });
      const delayedAt = "2026-03-02T10:00:00.000Z";
      expect(await applyResendEvent(db, { type: "email.delivery_delayed", created_at: delayedAt, data: { email_id: emailId } })).toEqual({ applied: true, notificationId: id, status: "DELIVERY_DELAYED" });
      expect(await status(id)).toEqual({ status: "DELIVERY_DELAYED", error: null, statusAt: new Date(delayedAt) });
      expect(await applyResendEvent(db, { type: "email.delivered", created_at: "not a date", data: { email_id: emailId } })).toMatchObject({ applied: true, status: "DELIVERED" });
      const delivered = await status(id);
      expect(Math.abs(delivered.statusAt!.getTime() - Date.now())).toBeLessThan(60_000);
      expect(await applyResendEvent(db, { type: "email.delivery_delayed", data: { email_id: emailId } })).toEqual({ applied: false, reason: "not newer" });
      expect(await applyResendEvent(db, { type: "email.delivered", data: { email_id: emailId } })).toEqual({ applied: false, reason: "not newer" });
      const steps = (await logged(incident.id)).filter((e) => e.actorLabel === "Resend");
      expect(steps.map((e) => [e.action, e.details])).toEqual([
        ["Incident Notification Delayed", { notificationId: id, status: "DELIVERY_DELAYED" }],
        ["Incident Notification Delivered", { notificationId: id, status: "DELIVERED" }],
      ]);
    });

    it("records why an email did not arrive: the bounce's message or a default, a complaint, a failure", async () => {
      const bounced = await sentNotification();
      await applyResendEvent(db, { type: "email.bounced", data: { email_id: bounced.emailId, bounce: { message: "Mailbox full" } } });
      expect(await status(bounced.id)).toMatchObject({ status: "BOUNCED", error: "Mailbox full" });
      // A complaint after a bounce (the same rank) still changes it.
      expect(await applyResendEvent(db, { type: "email.complained", data: { email_id: bounced.emailId } })).toMatchObject({ applied: true, status: "COMPLAINED" });
      expect(await status(bounced.id)).toMatchObject({ status: "COMPLAINED", error: "The recipient marked the email as spam." });
      expect((await logged(bounced.incident.id)).filter((e) => e.actorLabel === "Resend").map((e) => e.action)).toEqual(["Incident Notification Not Delivered", "Incident Notification Not Delivered"]);

      const silent = await sentNotification();
      await applyResendEvent(db, { type: "email.bounced", data: { email_id: silent.emailId } });
      expect(await status(silent.id)).toMatchObject({ status: "BOUNCED", error: "The recipient's mail server refused the email." });

      const failed = await sentNotification();
      await applyResendEvent(db, { type: "email.failed", data: { email_id: failed.emailId } });
      expect(await status(failed.id)).toMatchObject({ status: "FAILED", error: "Resend could not send the email." });

      // "email.sent" from Resend on a row still being sent moves it to SENT, logged as such.
      const sending = await sentNotification();
      await db.incidentNotification.update({ where: { id: sending.id }, data: { status: "SENDING" } });
      expect(await applyResendEvent(db, { type: "email.sent", data: { email_id: sending.emailId } })).toMatchObject({ applied: true, status: "SENT" });
      expect(await status(sending.id)).toMatchObject({ status: "SENT", error: null });
      expect((await logged(sending.incident.id)).filter((e) => e.actorLabel === "Resend").map((e) => e.action)).toEqual(["Incident Notification Sent"]);
    });
  });
});

import { createHash, randomBytes } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OAKFIELD_ID } from "@/emulator/schools";
import { formatPersonName } from "@/lib/person-name";
import { db } from "@/server/db";
import { incidentsCsv } from "@/server/incidents/csv";
import { lookupContacts, type IncidentContact } from "@/server/incidents/contacts";
import type { IncidentFieldsInput } from "@/server/incidents/input";
import { acknowledge, describeAck, retryNotification, sendNotifications } from "@/server/incidents/notifications";
import { incidentPatterns } from "@/server/incidents/patterns";
import { searchPeople } from "@/server/incidents/person-search";
import { handleResendWebhook } from "@/server/incidents/webhook";
import type { MailConfig } from "@/server/mail/transport";
import { appRouter } from "@/server/trpc/root";
import { contextFor, createUser } from "../helpers/fixtures";
import { linkIn, startResendStandIn, type ResendStandIn } from "../helpers/resend-stand-in";
import { connectedSchool, emulatorClient, runSync, startEmulator, type RunningEmulator } from "../helpers/sync";
import { RESEND_WEBHOOK_SECRET, signedResendWebhook } from "../helpers/resend-webhook";

type Pupil = { id: string; forename: string; surname: string; initials: string | null };

async function errorCode(call: Promise<unknown>): Promise<string | null> {
  try {
    await call;
    return null;
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
}

/** Every row of every table, as text, that contains `needle`: proves what is (not) stored. */
async function tablesContaining(needle: string): Promise<string[]> {
  const tables = await db.$queryRaw<{ table_name: string }[]>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
  const hits: string[] = [];
  for (const { table_name } of tables) {
    const [row] = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table_name}" t WHERE t::text ILIKE $1`, `%${needle}%`);
    if (row!.n > 0) hits.push(table_name);
  }
  return hits;
}

describe("accident and incident book", () => {
  let emulator: RunningEmulator;
  let resend: ResendStandIn;
  let viaResend: MailConfig;
  let schoolId: string;
  let adminId: string;
  let teacherId: string;
  let otherTeacherId: string;
  let pupils: Pupil[];
  let pupilWithContacts: Pupil;
  let contacts: IncidentContact[];
  const deps = () => ({ mail: viaResend, clientFor: () => emulatorClient(emulator) });

  beforeAll(async () => {
    emulator = await startEmulator({ seed: "incidents" });
    resend = await startResendStandIn();
    viaResend = { apiKey: "re_incidents_key", baseUrl: resend.url, from: "Staffroom <staffroom@oakfield.example>" };
    schoolId = (await connectedSchool(db, OAKFIELD_ID)).id;
    expect((await runSync(db, emulator, schoolId)).status).toBe("SUCCEEDED");
    adminId = (await createUser(db, { schoolId, role: "SCHOOL_ADMIN" })).id;
    teacherId = (await createUser(db, { schoolId, role: "STAFF" })).id;
    otherTeacherId = (await createUser(db, { schoolId, role: "STAFF" })).id;
    await db.incidentSettings.create({ data: { schoolId, replyToEmail: "office@oakfield.example" } });
    pupils = await db.person.findMany({ where: { schoolId, kind: "PUPIL" }, orderBy: { surname: "asc" }, take: 40, select: { id: true, forename: true, surname: true, initials: true } });
    // The first pupil with a parental-responsibility contact who has an email.
    for (const pupil of pupils) {
      const found = (await lookupContacts(db, pupil.id, () => emulatorClient(emulator))).contacts.filter((c) => c.email);
      if (found.length) {
        pupilWithContacts = pupil;
        contacts = found;
        break;
      }
    }
    expect(pupilWithContacts).toBeDefined();
  });
  beforeEach(() => {
    resend.emails.length = 0;
  });
  afterAll(async () => {
    await emulator.close();
    await resend.stop();
    await db.$disconnect();
  });

  const as = (userId: string) => appRouter.createCaller(contextFor(db, userId));
  const caller = (userId: string, role: "STAFF" | "SCHOOL_ADMIN" = "STAFF") => ({ userId, schoolId, role });
  const anotherPupil = () => pupils.find((p) => p.id !== pupilWithContacts.id && p.forename !== pupilWithContacts.forename && p.surname !== pupilWithContacts.surname)!;

  function fields(overrides: Partial<IncidentFieldsInput> = {}): IncidentFieldsInput {
    return {
      occurredAt: "2026-06-15T12:35",
      locationDetail: "Junior playground, by the climbing frame",
      type: "ACCIDENT_INJURY",
      severity: "MINOR",
      description: "Slipped on the wet steps and grazed a knee.",
      affected: [{ personId: pupilWithContacts.id, injury: "Graze", bodyPart: "Left knee" }],
      firstAidGiven: true,
      firstAidDetails: "Cleaned and dressed",
      firstAidBy: "Mr Patel",
      outcome: "RETURNED_TO_CLASS",
      riddorReportable: false,
      actions: [],
      ...overrides,
    };
  }

  it("lets a teacher log, edit and close an incident; admins alone may change it after; every change is logged", async () => {
    const location = await as(adminId).incidents.addLocation({ schoolId, name: "Playground" });
    const { id, number } = await as(teacherId).incidents.create({ schoolId, ...fields({ locationId: location.id }) });
    expect(number).toBeGreaterThan(0);

    const logged = await as(teacherId).incidents.get({ schoolId, incidentId: id });
    expect(logged).toMatchObject({ status: "OPEN", canEdit: true, canClose: true, canReopen: false, occurredAtWall: "2026-06-15T12:35", location: { name: "Playground" } });
    // 12:35 in British Summer Time is 11:35 UTC.
    expect(logged.occurredAt.toISOString()).toBe("2026-06-15T11:35:00.000Z");
    expect(logged.affected[0]).toMatchObject({ personId: pupilWithContacts.id, injury: "Graze", bodyPart: "Left knee" });

    // Another teacher can neither see nor change it.
    expect(await errorCode(as(otherTeacherId).incidents.get({ schoolId, incidentId: id }))).toBe("NOT_FOUND");
    expect(await errorCode(as(otherTeacherId).incidents.update({ schoolId, incidentId: id, fields: fields() }))).toBe("NOT_FOUND");

    const visitor = { visitorKind: "CONTRACTOR" as const, visitorName: "Pat Builder", injury: "Bruised hand" };
    const edited = await as(teacherId).incidents.update({
      schoolId,
      incidentId: id,
      fields: fields({
        locationId: location.id,
        severity: "MODERATE",
        riddorReportable: true,
        riddorReason: "Contractor injured on site",
        affected: [{ id: logged.affected[0]!.id, personId: pupilWithContacts.id, injury: "Graze", bodyPart: "Left knee" }, visitor],
        actions: [{ description: "Dry the steps before break", ownerPersonId: null, dueOn: "2026-06-20", done: false }],
      }),
    });
    expect(edited.changed.sort()).toEqual(["actions", "affected", "riddorReason", "riddorReportable", "severity"]);
    const afterEdit = await as(teacherId).incidents.get({ schoolId, incidentId: id });
    expect(afterEdit.affected.map((a) => a.visitorName)).toEqual([null, "Pat Builder"]);
    expect(afterEdit.actions).toMatchObject([{ description: "Dry the steps before break", completedAt: null }]);

    // A RIDDOR flag needs its reason: the same schema the form uses refuses it.
    expect(await errorCode(as(teacherId).incidents.update({ schoolId, incidentId: id, fields: fields({ riddorReportable: true, riddorReason: "" }) }))).toBe("BAD_REQUEST");

    await as(teacherId).incidents.setStatus({ schoolId, incidentId: id, status: "CLOSED" });
    const closed = await as(teacherId).incidents.get({ schoolId, incidentId: id });
    expect(closed).toMatchObject({ status: "CLOSED", canEdit: false, canClose: false });
    expect(closed.closedAt).toBeInstanceOf(Date);
    expect(await errorCode(as(teacherId).incidents.update({ schoolId, incidentId: id, fields: fields() }))).toBe("FORBIDDEN");
    expect(await errorCode(as(teacherId).incidents.setStatus({ schoolId, incidentId: id, status: "OPEN" }))).toBe("FORBIDDEN");

    // The admin may still correct it, and reopen it.
    await as(adminId).incidents.update({ schoolId, incidentId: id, fields: fields({ locationId: location.id, description: "Slipped on the wet steps." , affected: afterEdit.affected.map((a) => ({ id: a.id, personId: a.personId, visitorKind: a.visitorKind as "CONTRACTOR" | null, visitorName: a.visitorName ?? undefined })) }) });
    await as(adminId).incidents.setStatus({ schoolId, incidentId: id, status: "OPEN" });

    const events = await db.activityEvent.findMany({ where: { schoolId, subjectType: "Incident", subjectId: id }, orderBy: [{ at: "asc" }, { id: "asc" }] });
    expect(events.map((e) => e.action)).toEqual(["Incident Logged", "Incident Updated", "Incident Closed", "Incident Updated", "Incident Reopened"]);
    expect(events[0]!.subjectLabel).toMatch(/^INC-\d{4}$/);

    // Listed in the book for the admin (all) and the teacher (their own), filterable.
    const book = await as(adminId).incidents.list({ schoolId, personId: pupilWithContacts.id, type: "ACCIDENT_INJURY" });
    expect(book.rows.map((r) => r.id)).toContain(id);
    expect((await as(otherTeacherId).incidents.list({ schoolId })).rows.map((r) => r.id)).not.toContain(id);
    expect((await as(adminId).incidents.list({ schoolId, status: "CLOSED" })).rows.map((r) => r.id)).not.toContain(id);
  });

  it("finds people by the start of a name, initials, or a typo, in this school only", async () => {
    // A pupil with initials and one-word names long enough to misspell, so every check below runs.
    const pupil = pupils.find((p) => p.initials && /^[A-Za-z]{5,}$/.test(p.surname) && /^[A-Za-z]{4,}$/.test(p.forename))!;
    expect(pupil).toBeDefined();
    const ids = async (query: string, schoolIds = [schoolId]) => (await searchPeople(db, { schoolIds, query, limit: 25 })).map((m) => m.id);
    expect(await ids(pupil.surname.slice(0, 3))).toContain(pupil.id);
    expect(await ids(`${pupil.forename.slice(0, 2)} ${pupil.surname.slice(0, 3)}`)).toContain(pupil.id);
    expect(await ids(`${pupil.forename} ${pupil.surname}`.toUpperCase())).toContain(pupil.id);
    expect(await ids(`${pupil.forename} ${pupil.initials}`)).toContain(pupil.id);
    // Two neighbouring letters swapped.
    const name = pupil.surname;
    expect(await ids(name.slice(0, 2) + name[3] + name[2] + name.slice(4))).toContain(pupil.id);
    // A slip in one word of a full name, either word: the word that starts no name is corrected, the other narrows.
    const dropped = name.slice(0, 2) + name.slice(3);
    expect(await ids(`${pupil.forename} ${dropped}`)).toContain(pupil.id);
    expect((await searchPeople(db, { schoolIds: [schoolId], query: `${pupil.forename} ${dropped}` })).every((m) => m.label.includes(pupil.forename))).toBe(true);
    const forename = pupil.forename;
    expect(await ids(`${forename[0]}${forename[2]}${forename[1]}${forename.slice(3)} ${pupil.surname}`)).toContain(pupil.id);
    const matches = await searchPeople(db, { schoolIds: [schoolId], query: pupil.surname });
    expect(matches[0]).toMatchObject({ kind: "PUPIL", label: expect.stringContaining(`${pupil.surname}, `), secondary: expect.stringMatching(/^(Year \d+|Reception|Nursery|Not recorded)$/) });
    // Another school's people are never offered.
    expect(await ids(pupil.surname, ["some-other-school"])).toEqual([]);
    // The procedure refuses callers from other schools.
    const outsider = (await createUser(db, {})).id;
    expect(await errorCode(as(outsider).incidents.searchPeople({ schoolId, query: pupil.surname }))).toBe("FORBIDDEN");
  });

  it("reads contacts live from the emulator and stores them only when a notification is sent", async () => {
    // Parental responsibility only, in priority order.
    const priorities = contacts.map((c) => c.priority ?? Number.MAX_SAFE_INTEGER);
    expect(priorities).toEqual([...priorities].sort((a, b) => a - b));
    const recipient = contacts[0]!;
    expect(recipient.email).toMatch(/@/);
    const { id } = await as(teacherId).incidents.create({ schoolId, ...fields() });
    expect(await tablesContaining(recipient.email!)).toEqual([]);
    expect(await tablesContaining(recipient.name)).toEqual([]);

    const incident = await as(teacherId).incidents.get({ schoolId, incidentId: id });
    const [sent] = await sendNotifications(db, caller(teacherId), { incidentId: id, affectedId: incident.affected[0]!.id, recipientKeys: [recipient.key], acknowledgement: false }, deps());
    expect(sent).toMatchObject({ status: "SENT", recipientEmail: recipient.email });
    expect(await tablesContaining(recipient.email!)).toEqual(["IncidentNotification"]);
  });

  it("sends through the Resend SDK to the chosen parent, replying to the school, naming no other pupil", async () => {
    const other = anotherPupil();
    const { id } = await as(teacherId).incidents.create({
      schoolId,
      ...fields({
        description: `${pupilWithContacts.forename} ${pupilWithContacts.surname} and ${other.forename} ${other.surname} collided while running; ${other.forename} was not hurt.`,
        affected: [{ personId: pupilWithContacts.id, injury: "Bumped head" }, { personId: other.id }],
        witnesses: "Seen by another pupil and Mrs Khan",
      }),
    });
    const incident = await as(teacherId).incidents.get({ schoolId, incidentId: id });
    const recipient = contacts[0]!;
    await sendNotifications(db, caller(teacherId), { incidentId: id, affectedId: incident.affected[0]!.id, recipientKeys: [recipient.key], acknowledgement: true }, deps());

    expect(resend.emails).toHaveLength(1);
    const email = resend.emails[0]! as (typeof resend.emails)[number] & { reply_to?: string | string[] };
    expect(email).toMatchObject({ to: recipient.email, from: viaResend.from, authorization: "Bearer re_incidents_key" });
    expect([email.reply_to].flat()).toEqual(["office@oakfield.example"]);
    expect(email.subject).toContain(pupilWithContacts.forename);
    for (const body of [email.html, email.text, email.subject]) {
      expect(body).not.toContain(other.surname);
      expect(body).not.toMatch(new RegExp(`\\b${other.forename}\\b`));
      expect(body).not.toContain("Mrs Khan");
    }
    expect(email.text).toContain(`${pupilWithContacts.forename} ${pupilWithContacts.surname}`);
    expect(email.text).toContain("another pupil");
    expect(email.text).toContain("Bumped head");
    expect(email.text).toContain(`Dear ${recipient.name}`);

    const stored = await db.incidentNotification.findFirstOrThrow({ where: { incidentId: id } });
    expect(stored).toMatchObject({ status: "SENT", recipientName: recipient.name, recipientEmail: recipient.email, relationship: recipient.relationship, resendId: email.id, attempts: 1 });
    expect(stored.sentAt).toBeInstanceOf(Date);

    // The acknowledgement link works once, and only as issued.
    const link = linkIn(email, "/ack/");
    const token = decodeURIComponent(new URL(link).pathname.split("/").pop()!);
    expect(stored.ackTokenHash).not.toContain(token);
    expect(await describeAck(db, token)).toMatchObject({ valid: true, acknowledgedAt: null });
    // A forged signature of the right length gets as far as the comparison, and is refused.
    const [random, signature] = token.split(".") as [string, string];
    const forged = `${random}.${signature.slice(0, -1)}${signature.endsWith("A") ? "B" : "A"}`;
    expect(forged).toHaveLength(token.length);
    expect(await describeAck(db, forged)).toEqual({ valid: false });
    expect(await acknowledge(db, forged)).toEqual({ state: "invalid" });
    expect(await describeAck(db, `${random}.forged-signature-000000`)).toEqual({ valid: false });
    expect((await acknowledge(db, token)).state).toBe("acknowledged");
    expect((await acknowledge(db, token)).state).toBe("already");
    expect((await db.incidentNotification.findUniqueOrThrow({ where: { id: stored.id } })).acknowledgedAt).toBeInstanceOf(Date);
    // The signature is checked, not just the stored hash: a row holding the hash of an
    // unsigned link (written by anyone with database access) still doesn't make it work.
    await db.incidentNotification.update({ where: { id: stored.id }, data: { ackTokenHash: createHash("sha256").update(forged).digest("hex") } });
    expect(await describeAck(db, forged)).toEqual({ valid: false });
    expect(await acknowledge(db, forged)).toEqual({ state: "invalid" });
    await db.incidentNotification.update({ where: { id: stored.id }, data: { ackTokenHash: stored.ackTokenHash } });

    // Delivery status arrives by signed webhook; a bad signature changes nothing.
    const delivered = { type: "email.delivered", created_at: new Date().toISOString(), data: { email_id: email.id } };
    expect((await handleResendWebhook(db, signedResendWebhook(delivered, { tamper: true }), RESEND_WEBHOOK_SECRET)).status).toBe(401);
    expect((await handleResendWebhook(db, signedResendWebhook(delivered, { secret: `whsec_${randomBytes(24).toString("base64")}` }), RESEND_WEBHOOK_SECRET)).status).toBe(401);
    expect((await handleResendWebhook(db, signedResendWebhook(delivered, { timestamp: Math.floor(Date.now() / 1000) - 3600 }), RESEND_WEBHOOK_SECRET)).status).toBe(401);
    expect((await db.incidentNotification.findUniqueOrThrow({ where: { id: stored.id } })).status).toBe("SENT");

    const ok = await handleResendWebhook(db, signedResendWebhook(delivered), RESEND_WEBHOOK_SECRET);
    expect(ok).toMatchObject({ status: 200, body: { applied: true, status: "DELIVERED" } });
    // An older event arriving late does not undo it.
    await handleResendWebhook(db, signedResendWebhook({ type: "email.sent", data: { email_id: email.id } }), RESEND_WEBHOOK_SECRET);
    expect((await as(teacherId).incidents.get({ schoolId, incidentId: id })).notifications).toMatchObject([{ status: "DELIVERED", recipientEmail: recipient.email }]);
    const actions = (await db.activityEvent.findMany({ where: { subjectId: id }, select: { action: true } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["Incident Notification Sent", "Incident Notification Acknowledged", "Incident Notification Delivered"]));
  });

  it("marks a notification NOT_SENT, never SENT, when email is disabled (EMAIL_TRANSPORT=log)", async () => {
    const { id } = await as(teacherId).incidents.create({ schoolId, ...fields() });
    const incident = await as(teacherId).incidents.get({ schoolId, incidentId: id });
    const sentBefore = resend.emails.length;
    const [notSent] = await sendNotifications(db, caller(teacherId), { incidentId: id, affectedId: incident.affected[0]!.id, recipientKeys: [contacts[0]!.key], acknowledgement: true }, { ...deps(), mail: { ...viaResend, disabled: true } });
    expect(notSent).toMatchObject({ status: "NOT_SENT", error: "Not sent (email disabled)", sentAt: null, resendId: null });
    expect(resend.emails).toHaveLength(sentBefore);
  });

  it("keeps the incident when the mail fails, shows why, and sends on retry", async () => {
    const { id } = await as(teacherId).incidents.create({ schoolId, ...fields() });
    const incident = await as(teacherId).incidents.get({ schoolId, incidentId: id });
    const broken: MailConfig = { ...viaResend, baseUrl: "http://127.0.0.1:9" };
    const [failed] = await sendNotifications(db, caller(teacherId), { incidentId: id, affectedId: incident.affected[0]!.id, recipientKeys: [contacts[0]!.key], acknowledgement: true }, { ...deps(), mail: broken });
    expect(failed!.status).toBe("FAILED");
    expect(failed!.error).toBeTruthy();
    expect(resend.emails).toHaveLength(0);

    const shown = await as(teacherId).incidents.get({ schoolId, incidentId: id });
    expect(shown.description).toBe(fields().description);
    expect(shown.notifications).toMatchObject([{ status: "FAILED", error: failed!.error, attempts: 1 }]);

    const retried = await retryNotification(db, caller(teacherId), failed!.id, deps());
    expect(retried.status).toBe("SENT");
    expect(resend.emails).toHaveLength(1);
    expect((await db.incidentNotification.findUniqueOrThrow({ where: { id: failed!.id } })).attempts).toBe(2);
    await expect(retryNotification(db, caller(teacherId), failed!.id, deps())).rejects.toThrow(/failed or bounced/);
  });

  it("shows patterns, flags frequent people and exports the book as CSV", async () => {
    await db.incidentSettings.update({ where: { schoolId }, data: { frequentThreshold: 2, frequentDays: 3650 } });
    const patterns = await incidentPatterns(db, { schoolId, from: "2026-01-01", to: "2026-12-31" });
    expect(patterns.total).toBeGreaterThanOrEqual(4);
    expect(patterns.byType.find((t) => t.type === "ACCIDENT_INJURY")!.count).toBe(patterns.total);
    expect(patterns.byHour.find((h) => h.hour === "12:00")!.count).toBe(patterns.total);
    expect(patterns.byWeekday.find((d) => d.day === "Monday")!.count).toBe(patterns.total);
    expect(patterns.people[0]).toMatchObject({ personId: pupilWithContacts.id, frequent: true });

    const { csv, rows } = await incidentsCsv(db, caller(adminId, "SCHOOL_ADMIN"), {});
    expect(rows).toBe(patterns.total);
    const lines = csv.trim().split("\r\n");
    expect(csv.startsWith("\uFEFFReference,Occurred,Type")).toBe(true);
    expect(lines).toHaveLength(rows + 1);
    expect(csv).toContain("Accident / injury");
    // Staff can't export the whole book.
    expect(await errorCode(as(teacherId).incidents.exportCsv({ schoolId }))).toBe("FORBIDDEN");
  });

  it("exports free text that looks like a spreadsheet formula as text, never as a formula", async () => {
    const { number } = await as(teacherId).incidents.create({
      schoolId,
      ...fields({ locationDetail: "-2+3 corridor", description: '=HYPERLINK("http://evil.example","Open")', firstAidBy: "+44 7700 900123", witnesses: "@SUM(A1:A9)" }),
    });
    const { csv } = await as(adminId).incidents.exportCsv({ schoolId });
    const line = csv.split("\r\n").find((l) => l.startsWith(`INC-${String(number).padStart(4, "0")},`))!;
    expect(line).toBeDefined();
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example"",""Open"")"`);
    expect(line).toContain(",'-2+3 corridor,");
    expect(line).toContain(",'+44 7700 900123,");
    expect(line).toContain(",'@SUM(A1:A9),");
    expect(line).not.toMatch(/,[=+\-@]/);
  });

  it("exports the follow-up actions in one cell: each with its owner, due date and whether it is done", async () => {
    const owner = await db.person.findFirstOrThrow({ where: { schoolId, kind: "STAFF" }, select: { id: true, forename: true, surname: true, initials: true } });
    const actions = [
      { description: "Call home", ownerPersonId: owner.id, dueOn: "2026-06-20", done: true },
      { description: "Fix the wet step", done: false },
    ];
    const { number } = await as(teacherId).incidents.create({ schoolId, ...fields({ actions }) });
    const { csv } = await as(adminId).incidents.exportCsv({ schoolId });
    const line = csv.split("\r\n").find((l) => l.startsWith(`INC-${String(number).padStart(4, "0")},`))!;
    expect(line).toContain(`,"Call home, owner ${formatPersonName(owner)}, due 2026-06-20, done; Fix the wet step",`);
  });
});

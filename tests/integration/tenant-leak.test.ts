import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activityExportResponse } from "@/server/activity/export";
import { trustActivityExportResponse, trustIncidentsExportResponse } from "@/server/trust/exports";
import { encryptSecret } from "@/server/crypto";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { lookupContacts } from "@/server/incidents/contacts";
import { sendNotifications } from "@/server/incidents/notifications";
import type { Meta } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import type { SchoolSpec } from "@/emulator/model";
import { contextFor, createUser } from "../helpers/fixtures";
import { emulatorClient, runSync, startEmulator, type RunningEmulator } from "../helpers/sync";

// Tenant isolation: what procedures RETURN, not only who may call them (that is the
// authorisation matrix). Three schools with data of the same shape: A and C in one trust, B in
// another. Every procedure is called as A's admin and as A's staff, with A's ids and then with
// C's and B's ids under A's schoolId; no id, name or email of B or C may appear in any answer.
// Like the matrix, it walks the router: a new procedure fails "has a fixture" until it gets
// its one-line entry in FIXTURES. The incident print view renders incidents.get; the activity
// CSV route is called directly below. A and C's trust has an admin and a viewer: they walk every
// school procedure too, and the trust procedures, where C's data is theirs to see and B's never is.

const SCHOOLS = {
  A: { id: "A1000000017", name: "Alderbank Primary School", emailDomain: "alderbank.sch.uk" },
  B: { id: "A2000000017", name: "Brackenfield Primary School", emailDomain: "brackenfield.sch.uk" },
  C: { id: "A3000000017", name: "Cowslip Lane Primary School", emailDomain: "cowsliplane.sch.uk" },
} as const;
type SchoolKey = keyof typeof SCHOOLS;
const spec = (key: SchoolKey): SchoolSpec => ({ ...SCHOOLS[key], mis: "SIMS", phase: "PRIMARY", pupils: 40 });

/** The ids a procedure's input may name, for one school. */
type World = {
  schoolId: string;
  pupilId: string;
  appId: string;
  signInAppId: string;
  staffPersonId: string;
  staffUserId: string;
  incidentId: string;
  affectedId: string;
  notificationId: string;
  locationId: string;
  runId: string;
  migrationId: string;
  candidateId: string;
  identityId: string;
  accountId: string;
  wondeId: string;
  /** A member of staff at another school with the same teacher number as staffPersonId (A's is at C, in A's trust). */
  sameTeacherNumberId: string;
};

type Fixture = {
  input: (w: World) => unknown;
  /** A trust procedure: A and C's trust admin must get an answer (school admins and staff are refused). */
  trust?: boolean;
  /** Answers carry school data: A's admin must get some of A's (proves the call did something). */
  returnsSchoolData: boolean;
  /** Why the admin's call may fail with these inputs (else it must succeed). */
  mayFail?: string;
};
const data = (input: Fixture["input"]): Fixture => ({ input, returnsSchoolData: true });
const noData = (input: Fixture["input"]): Fixture => ({ input, returnsSchoolData: false });
const failing = (input: Fixture["input"], why: string): Fixture => ({ input, returnsSchoolData: false, mayFail: why });
const trustData = (input: Fixture["input"]): Fixture => ({ input, returnsSchoolData: true, trust: true });
const trustFailing = (input: Fixture["input"], why: string): Fixture => ({ input, returnsSchoolData: false, trust: true, mayFail: why });
/** A trust procedure whose answer names no school's data (e.g. the trust's own apps). */
const trustNoData = (input: Fixture["input"]): Fixture => ({ input, returnsSchoolData: false, trust: true });
/** Sees schools A and C only (B belongs to another trust). */
const TRUST_TOKEN = "meadow-token";

const signInFields = { redirectUris: ["https://maths.example/callback"], postLogoutRedirectUris: [], backchannelLogoutUri: null, initiateLoginUri: null, scopes: [], pairwiseSubject: false };

const incidentFields = (w: World) => ({
  schoolId: w.schoolId,
  occurredAt: "2026-05-11T10:15",
  locationId: w.locationId,
  type: "ACCIDENT_INJURY" as const,
  severity: "MINOR" as const,
  description: "Tripped on the step by the hall.",
  affected: [{ personId: w.pupilId, injury: "Graze" }],
  firstAidGiven: false,
  riddorReportable: false,
  actions: [],
});

// One entry per procedure: its input, given the ids of one school. Queries first in effect:
// the walk calls procedures in this order, and the mutations that change a lot come last.
const FIXTURES: Record<string, Fixture> = {
  health: noData(() => undefined),
  "me.get": data(() => undefined),
  "me.sessions": noData(() => undefined),
  "schools.get": data((w) => ({ schoolId: w.schoolId })),
  // Before anything re-reads the MIS (a sync, a migration applied) and resets the teacher numbers seeded below.
  "sharedStaff.list": trustData(() => undefined),
  "sharedStaff.confirm": trustFailing((w) => ({ personAId: w.staffPersonId, personBId: w.pupilId }), "a member of staff and a pupil are never a pair"),
  "sharedStaff.undo": trustFailing((w) => ({ pairId: w.staffPersonId }), "no pair has that id"),
  "sharedStaff.reject": { input: (w) => ({ personAId: w.staffPersonId, personBId: w.sameTeacherNumberId }), returnsSchoolData: false, trust: true },
  "activity.recent": data((w) => ({ schoolId: w.schoolId, limit: 100 })),
  "activity.list": data((w) => ({ schoolId: w.schoolId, limit: 200 })),
  "activity.facets": data((w) => ({ schoolId: w.schoolId })),
  "staff.list": data((w) => ({ schoolId: w.schoolId, pageSize: 100, status: "all" })),
  "staff.get": data((w) => ({ schoolId: w.schoolId, personId: w.staffPersonId })),
  "pupilSignIn.settings": noData((w) => ({ schoolId: w.schoolId })),
  "pupilSignIn.accounts": noData((w) => ({ schoolId: w.schoolId, group: { ncYear: "1" } })),
  "pupilSignIn.devices": noData((w) => ({ schoolId: w.schoolId })),
  "apps.launcher": data((w) => ({ schoolId: w.schoolId })),
  "apps.list": data((w) => ({ schoolId: w.schoolId })),
  "apps.audienceOptions": data((w) => ({ schoolId: w.schoolId })),
  "apps.usage": data((w) => ({ schoolId: w.schoolId, weeks: 8 })),
  "pupils.list": data((w) => ({ schoolId: w.schoolId, pageSize: 100, status: "all" })),
  "classes.list": data((w) => ({ schoolId: w.schoolId, pageSize: 100 })),
  "classes.subjects": data((w) => ({ schoolId: w.schoolId, pageSize: 100 })),
  "sync.status": data((w) => ({ schoolId: w.schoolId, runId: w.runId })),
  "wonde.settings": data((w) => ({ schoolId: w.schoolId })),
  "migration.get": data((w) => ({ schoolId: w.schoolId })),
  "migration.candidates": data((w) => ({ schoolId: w.schoolId, migrationId: w.migrationId, pageSize: 100 })),
  "migration.searchOldRecords": failing((w) => ({ schoolId: w.schoolId, candidateId: w.candidateId, search: "a" }), "the candidate may not need review"),
  "migration.readiness": noData((w) => ({ schoolId: w.schoolId })),
  "passwords.describeLink": noData(() => ({ token: "not-a-real-link-token" })),
  "matching.listStaff": data((w) => ({ schoolId: w.schoolId, pageSize: 100 })),
  "matching.listUnmatched": data((w) => ({ schoolId: w.schoolId })),
  "matching.getDomains": data((w) => ({ schoolId: w.schoolId })),
  "matching.signInEmailsWaiting": noData((w) => ({ schoolId: w.schoolId })),
  "users.list": data((w) => ({ schoolId: w.schoolId, pageSize: 100 })),
  "incidents.list": data((w) => ({ schoolId: w.schoolId, pageSize: 100 })),
  "incidents.get": data((w) => ({ schoolId: w.schoolId, incidentId: w.incidentId })),
  "incidents.searchPeople": data((w) => ({ schoolId: w.schoolId, query: "a", scope: "trust", limit: 25 })),
  "incidents.contacts": data((w) => ({ schoolId: w.schoolId, incidentId: w.incidentId, affectedId: w.affectedId })),
  "incidents.locations": data((w) => ({ schoolId: w.schoolId, includeArchived: true })),
  "incidents.settings": noData((w) => ({ schoolId: w.schoolId })),
  "incidents.patterns": data((w) => ({ schoolId: w.schoolId, from: "2026-01-01", to: "2026-12-31" })),
  "incidents.personHistory": data((w) => ({ schoolId: w.schoolId, personId: w.pupilId })),
  "incidents.exportCsv": data((w) => ({ schoolId: w.schoolId })),
  "incidents.create": noData(incidentFields),
  "incidents.update": data((w) => ({ schoolId: w.schoolId, incidentId: w.incidentId, fields: { ...incidentFields(w), affected: [{ id: w.affectedId, personId: w.pupilId, injury: "Graze" }] } })),
  "incidents.setStatus": noData((w) => ({ schoolId: w.schoolId, incidentId: w.incidentId, status: "OPEN" })),
  "incidents.notify": failing((w) => ({ schoolId: w.schoolId, incidentId: w.incidentId, affectedId: w.affectedId, recipientKeys: ["nobody"], acknowledgement: false }), "no such recipient"),
  "incidents.retryNotification": failing((w) => ({ schoolId: w.schoolId, notificationId: w.notificationId }), "only failed notifications can be retried"),
  "incidents.addLocation": noData((w) => ({ schoolId: w.schoolId, name: "Staff car park" })),
  "incidents.archiveLocation": noData((w) => ({ schoolId: w.schoolId, locationId: w.locationId })),
  "incidents.setNotificationTemplate": noData((w) => ({ schoolId: w.schoolId, template: "About {name} at {school}: what happened." })),
  "incidents.updateSettings": noData((w) => ({ schoolId: w.schoolId, replyToEmail: null, frequentThreshold: 3, frequentDays: 30 })),
  "passwords.requestReset": noData(() => ({ email: "nobody@example.org" })),
  "passwords.setPassword": failing(() => ({ token: "not-a-real-link-token", password: "copper kettle orbit" }), "the link is not real"),
  "matching.matchAll": noData((w) => ({ schoolId: w.schoolId })),
  "matching.setDomains": data((w) => ({ schoolId: w.schoolId, domains: [SCHOOLS.A.emailDomain] })),
  "matching.link": data((w) => ({ schoolId: w.schoolId, identityId: w.identityId, personId: w.staffPersonId })),
  "matching.unlink": noData((w) => ({ schoolId: w.schoolId, accountId: w.accountId })),
  "users.sendInvite": failing((w) => ({ schoolId: w.schoolId, userId: w.staffUserId }), "the user may already have a password"),
  "users.setRole": noData((w) => ({ schoolId: w.schoolId, userId: w.staffUserId, role: "STAFF" })),
  "migration.resolve": failing((w) => ({ schoolId: w.schoolId, candidateId: w.candidateId, resolution: "new" }), "the candidate may not need review"),
  "migration.setAutoApply": noData((w) => ({ schoolId: w.schoolId, autoApply: false })),
  "migration.planMigration": noData((w) => ({ schoolId: w.schoolId, date: null })),
  "wonde.updateSettings": data((w) => ({ schoolId: w.schoolId, syncSchedule: "daily" })),
  "sync.start": noData((w) => ({ schoolId: w.schoolId, mode: "incremental" })),
  "migration.applyMigration": failing((w) => ({ schoolId: w.schoolId, migrationId: w.migrationId }), "REVIEW items may be unresolved"),
  "wonde.connect": data((w) => ({ schoolId: w.schoolId, wondeSchoolId: w.wondeId, token: "demo" })),
  "wonde.disconnect": data((w) => ({ schoolId: w.schoolId })),
  "pupilSignIn.reissue": failing((w) => ({ schoolId: w.schoolId, target: { personId: w.pupilId } }), "pupil sign-in is off, so the pupil has no account"),
  "pupilSignIn.revokeDevice": failing((w) => ({ schoolId: w.schoolId, deviceId: "no-such-device" }), "no device is set up"),
  "pupilSignIn.setMethods": noData((w) => ({ schoolId: w.schoolId, yearGroups: [] })),
  "savedLogins.list": noData((w) => ({ schoolId: w.schoolId })),
  "savedLogins.save": data((w) => ({ appId: w.appId, username: "reader", password: "reading-room-pw" })),
  "savedLogins.reveal": failing((w) => ({ appId: w.appId }), "the test's context has no signed-in browser session to have re-authenticated"),
  "savedLogins.forget": noData((w) => ({ appId: w.appId })),
  "savedLogins.reauthenticate": failing(() => ({ password: "copper kettle orbit" }), "the test's context has no signed-in browser session"),
  "webhooks.get": data((w) => ({ schoolId: w.schoolId, appId: w.appId })),
  "webhooks.save": noData((w) => ({ schoolId: w.schoolId, appId: w.appId, url: "https://hooks.example.org/staffroom", events: ["user.created"], enabled: true })),
  "webhooks.rotateSecret": noData((w) => ({ schoolId: w.schoolId, appId: w.appId })),
  "webhooks.redeliver": failing((w) => ({ schoolId: w.schoolId, deliveryId: w.appId }), "no delivery has failed"),
  "webhooks.remove": noData((w) => ({ schoolId: w.schoolId, appId: w.appId })),
  "apps.save": data((w) => ({ schoolId: w.schoolId, appId: w.appId, fields: { name: "Reading Room", url: "https://reading.example/", icon: null, forStaff: true, forPupils: false, yearGroups: [], classIds: [] } })),
  "apps.archive": noData((w) => ({ schoolId: w.schoolId, appId: w.appId })),
  "signInApps.get": data((w) => ({ schoolId: w.schoolId, appId: w.signInAppId })),
  "signInApps.save": data((w) => ({ schoolId: w.schoolId, appId: w.signInAppId, fields: { name: "Maths Room", url: "https://maths.example/", icon: null, forStaff: true, forPupils: true, yearGroups: [], classIds: [] }, signIn: signInFields })),
  "signInApps.newSecret": data((w) => ({ schoolId: w.schoolId, appId: w.signInAppId })),
  "signInApps.trustList": trustNoData(() => undefined),
  "signInApps.trustSave": trustNoData(() => ({ clientId: null, fields: { name: "Trust Maths", url: "https://trust-maths.example/", icon: null, forStaff: true, forPupils: true, yearGroups: [] }, signIn: signInFields })),
  "schools.setLiteMode": noData((w) => ({ schoolId: w.schoolId, liteMode: false })),
  "trust.get": noData(() => undefined),
  "trust.dashboard": trustData(() => undefined),
  "trust.tokenSchools": trustData(() => undefined),
  "trust.previewToken": trustData(() => ({ token: TRUST_TOKEN })),
  "trust.connect": trustData(() => ({ token: TRUST_TOKEN })),
  "trust.schools": trustData(() => undefined),
  "trust.activity": trustData(() => ({ limit: 200 })),
  "trust.activityFacets": trustData(() => undefined),
  "trust.incidents": trustData(() => ({ pageSize: 100 })),
  "trust.patterns": trustData(() => ({ from: "2026-01-01", to: "2026-12-31" })),
  "trust.settings": trustData(() => undefined),
  "trust.updateSettings": trustData(() => ({ syncSchedule: "daily", importPhotos: false, liteMode: false, incidentNotificationTemplate: null })),
  "trust.setSchoolLiteMode": trustData((w) => ({ schoolId: w.schoolId, liteMode: null })),
  "me.signOutEverywhere": noData(() => undefined),
};

const definitions = appRouter._def.procedures as unknown as Record<string, { _def: { meta?: Meta; type: string } }>;
const procedures = Object.keys(definitions);

function callAt(caller: unknown, path: string): (input?: unknown) => Promise<unknown> {
  return path.split(".").reduce((node, key) => (node as Record<string, unknown>)[key], caller) as (input?: unknown) => Promise<unknown>;
}

/** Everything a response says, as one string: results, and errors' messages. */
async function answer(call: () => Promise<unknown>): Promise<{ ok: boolean; text: string; code?: string }> {
  try {
    const result = await call();
    return { ok: true, text: result instanceof Response ? await result.text() : JSON.stringify(result) ?? "" };
  } catch (error) {
    const code = error instanceof TRPCError ? error.code : undefined;
    return { ok: false, code, text: `${code}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** What identifies one school's data: ids, Wonde ids, names and emails. */
type Needles = { ids: Set<string>; texts: string[] };

async function needlesOf(schoolId: string): Promise<Needles> {
  const ids = new Set<string>([schoolId]);
  const add = (rows: { id: string | null }[]) => rows.forEach((r) => r.id && ids.add(r.id));
  // Every table with an id and a schoolId column, found from the schema, so new tables count too.
  const tables = await db.$queryRaw<{ table_name: string }[]>`
    SELECT c.table_name FROM information_schema.columns c
    JOIN information_schema.columns i ON i.table_name = c.table_name AND i.table_schema = c.table_schema AND i.column_name = 'id'
    WHERE c.table_schema = 'public' AND c.column_name = 'schoolId'`;
  for (const { table_name } of tables) add(await db.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM "${table_name}" WHERE "schoolId" = $1`, schoolId));
  // Rows that belong to the school through a parent.
  const incidents = await db.incident.findMany({ where: { schoolId }, select: { affected: { select: { id: true } }, actions: { select: { id: true } }, notifications: { select: { id: true } } } });
  add(incidents.flatMap((i) => [...i.affected, ...i.actions, ...i.notifications]));
  add(await db.migrationCandidate.findMany({ where: { migration: { schoolId } }, select: { id: true } }));
  const users = await db.user.findMany({ where: { OR: [{ memberships: { some: { schoolId } } }, { person: { schoolId } }] }, select: { id: true, email: true, name: true, accounts: { select: { id: true, email: true } } } });
  add(users);
  add(users.flatMap((u) => u.accounts));
  const externalIds = await db.externalId.findMany({ where: { schoolId }, select: { externalId: true, misId: true, upi: true } });
  for (const e of externalIds) for (const v of [e.externalId, e.misId, e.upi]) if (v && v.length >= 8) ids.add(v);

  const people = await db.person.findMany({ where: { schoolId }, select: { forename: true, surname: true, email: true, upn: true } });
  const school = await db.school.findUniqueOrThrow({ where: { id: schoolId }, select: { name: true, wondeId: true, ssoDomains: true } });
  const notifications = await db.incidentNotification.findMany({ where: { incident: { schoolId } }, select: { recipientEmail: true, recipientName: true } });
  const texts = [
    school.name,
    ...(school.wondeId ? [school.wondeId] : []),
    ...school.ssoDomains,
    ...people.flatMap((p) => [`${p.forename} ${p.surname}`, `${p.surname}, ${p.forename}`, p.email, p.upn]),
    ...users.flatMap((u) => [u.email, u.name, ...u.accounts.map((a) => a.email)]),
    ...notifications.flatMap((n) => [n.recipientEmail, n.recipientName]),
  ].filter((t): t is string => !!t && t.length >= 6);
  return { ids, texts: [...new Set(texts.map((t) => t.toLowerCase()))] };
}

/** Needles of `other` that A does not share (two schools may both have a "Sam Smith"). */
function onlyIn(other: Needles, own: Needles): Needles {
  const ownTexts = new Set(own.texts);
  return { ids: new Set([...other.ids].filter((id) => !own.ids.has(id))), texts: other.texts.filter((t) => !ownTexts.has(t)) };
}

/** Which of `needles` appear in `text`. */
function found(text: string, needles: Needles): string[] {
  const lower = text.toLowerCase();
  const tokens = new Set(text.match(/[A-Za-z0-9_-]{8,}/g) ?? []);
  return [...[...needles.ids].filter((id) => tokens.has(id) || lower.includes(id.toLowerCase())), ...needles.texts.filter((t) => lower.includes(t))];
}

describe("tenant isolation: what procedures return", () => {
  let emulator: RunningEmulator;
  let migrated: RunningEmulator;
  const worlds = {} as Record<SchoolKey, World>;
  const admins = {} as Record<SchoolKey, string>;
  const staff = {} as Record<SchoolKey, string>;
  let ownNeedles: Needles;
  let otherNeedles: Needles;
  /** B's, for the trust's callers: C is in their trust. */
  let otherTrustNeedles: Needles;
  let trustAdmin: string;
  let trustViewer: string;
  const configuredBaseUrl = env.WONDE_BASE_URL;

  /** One school, seeded the same way as the others: synced people, an incident, a notification, a sign-in to match, a migration preview. */
  async function seedSchool(key: SchoolKey, trustId: string): Promise<World> {
    const { id: wondeId, name, emailDomain } = SCHOOLS[key];
    const school = await db.school.create({ data: { name, wondeId, trustId, wondeTokenEnc: encryptSecret("demo"), ssoDomains: [emailDomain] } });
    const sync = await runSync(db, emulator, school.id);
    expect(sync.status).toBe("SUCCEEDED");
    admins[key] = (await createUser(db, { schoolId: school.id, role: "SCHOOL_ADMIN", email: `head@${emailDomain}` })).id;
    staff[key] = (await createUser(db, { schoolId: school.id, role: "STAFF", email: `class.teacher@${emailDomain}` })).id;
    const asStaff = appRouter.createCaller(contextFor(db, staff[key]));
    const asAdmin = appRouter.createCaller(contextFor(db, admins[key]));

    const staffPerson = await db.person.findFirstOrThrow({ where: { schoolId: school.id, kind: "STAFF", user: { isNot: null } }, include: { user: true }, orderBy: { surname: "asc" } });
    const account = await db.account.create({ data: { userId: staffPerson.user!.id, type: "oidc", provider: "google", providerAccountId: `google-${key}`, email: staffPerson.email } });
    const identity = await db.unmatchedIdentity.create({ data: { provider: "microsoft-entra-id", providerAccountId: `entra-${key}`, email: `supply.teacher@${emailDomain}`, emailVerified: true, name: `Supply Teacher ${name}` } });

    // An incident about a pupil with a parent to notify (contacts are read live from Wonde).
    const pupils = await db.person.findMany({ where: { schoolId: school.id, kind: "PUPIL" }, orderBy: { surname: "asc" }, select: { id: true } });
    let pupilId: string | undefined;
    let recipientKey: string | undefined;
    for (const pupil of pupils) {
      const contact = (await lookupContacts(db, pupil.id, () => emulatorClient(emulator))).contacts.find((c) => c.email);
      if (contact) {
        pupilId = pupil.id;
        recipientKey = contact.key;
        break;
      }
    }
    expect(pupilId).toBeDefined();
    const location = await asAdmin.incidents.addLocation({ schoolId: school.id, name: `Playground of ${name}` });
    const world = { schoolId: school.id, pupilId: pupilId!, locationId: location.id } as World;
    const incident = await asStaff.incidents.create({ ...incidentFields(world), affected: [{ personId: pupilId!, injury: "Graze" }, { personId: staffPerson.id }] });
    const affectedId = (await asStaff.incidents.get({ schoolId: school.id, incidentId: incident.id })).affected[0]!.id;
    const [notification] = await sendNotifications(db, { userId: staff[key], schoolId: school.id, role: "STAFF" }, { incidentId: incident.id, affectedId, recipientKeys: [recipientKey!], acknowledgement: true }, { clientFor: () => emulatorClient(emulator) });

    // The school moves MIS (in a twin emulator, so contacts stay readable under today's ids):
    // the paused sync leaves a migration preview with candidates.
    migrated.state.migrateSchool(wondeId, { to: "Arbor" });
    const paused = await runSync(db, migrated, school.id, { mode: "incremental" });
    expect(paused.status).toBe("PAUSED");
    const migration = await db.misMigration.findFirstOrThrow({ where: { schoolId: school.id }, include: { candidates: { take: 1, orderBy: { outcome: "asc" } } } });

    // A launcher tile, launched once by a member of staff, so the tiles and the usage report have rows.
    const app = await asAdmin.apps.save({ schoolId: school.id, appId: null, fields: { name: `Library of ${name}`, url: `https://library.${emailDomain}/`, icon: null, forStaff: true, forPupils: true, yearGroups: [], classIds: [] } });
    await db.appLaunch.create({ data: { schoolId: school.id, userId: staff[key], appId: app.id } });
    // An app that signs users in through Staffroom.
    const signInApp = await asAdmin.signInApps.save({ schoolId: school.id, appId: null, fields: { name: `Maths of ${name}`, url: `https://maths.${emailDomain}/`, icon: null, forStaff: true, forPupils: true, yearGroups: [], classIds: [] }, signIn: { ...signInFields, redirectUris: [`https://maths.${emailDomain}/callback`] } });

    return {
      ...world,
      appId: app.id,
      signInAppId: signInApp.id,
      staffPersonId: staffPerson.id,
      staffUserId: staffPerson.user!.id,
      incidentId: incident.id,
      affectedId,
      notificationId: notification!.id,
      runId: sync.runId,
      migrationId: migration.id,
      candidateId: migration.candidates[0]!.id,
      identityId: identity.id,
      accountId: account.id,
      wondeId,
    };
  }

  beforeAll(async () => {
    const options = { seed: "tenant-leak", schools: [spec("A"), spec("B"), spec("C")], tokens: { demo: Object.values(SCHOOLS).map((s) => s.id), [TRUST_TOKEN]: [SCHOOLS.A.id, SCHOOLS.C.id] } };
    emulator = await startEmulator(options);
    migrated = await startEmulator(options);
    env.WONDE_BASE_URL = emulator.url;
    const oneTrust = await db.trust.create({ data: { name: "Meadow Learning Trust" } });
    const otherTrust = await db.trust.create({ data: { name: "Fenland Schools Trust" } });
    worlds.A = await seedSchool("A", oneTrust.id);
    worlds.B = await seedSchool("B", otherTrust.id);
    worlds.C = await seedSchool("C", oneTrust.id);
    ownNeedles = await needlesOf(worlds.A.schoolId);
    otherNeedles = onlyIn(await needlesOf(worlds.B.schoolId), ownNeedles);
    const cNeedles = onlyIn(await needlesOf(worlds.C.schoolId), ownNeedles);
    otherTrustNeedles = onlyIn(otherNeedles, cNeedles);
    otherNeedles = { ids: new Set([...otherNeedles.ids, ...cNeedles.ids]), texts: [...otherNeedles.texts, ...cNeedles.texts] };
    await db.trust.update({ where: { id: oneTrust.id }, data: { wondeTokenEnc: encryptSecret(TRUST_TOKEN) } });
    // One member of staff each in A, B and C with one teacher number: A and C's are proposed to
    // their trust as one person; B's, in another trust, never.
    await db.person.updateMany({ where: { id: { in: [worlds.A.staffPersonId, worlds.B.staffPersonId, worlds.C.staffPersonId] } }, data: { teacherNumber: "9912345" } });
    worlds.A.sameTeacherNumberId = worlds.C.staffPersonId;
    worlds.C.sameTeacherNumberId = worlds.A.staffPersonId;
    worlds.B.sameTeacherNumberId = worlds.B.staffPersonId;
    trustAdmin = (await db.user.create({ data: { email: "it.lead@meadow-trust.example.org", trustId: oneTrust.id } })).id;
    trustViewer = (await db.user.create({ data: { email: "safety@meadow-trust.example.org", trustId: oneTrust.id, trustRole: "TRUST_VIEWER" } })).id;
  }, 300_000);
  afterAll(async () => {
    env.WONDE_BASE_URL = configuredBaseUrl;
    await emulator?.close();
    await migrated?.close();
    await db.$disconnect();
  });

  it("has a fixture for every procedure, and none for a procedure that is gone", () => {
    expect(procedures.filter((path) => !(path in FIXTURES)), "add a one-line entry to FIXTURES in tests/integration/tenant-leak.test.ts").toEqual([]);
    expect(Object.keys(FIXTURES).filter((path) => !procedures.includes(path))).toEqual([]);
  });

  it("seeded the other schools with enough to recognise", () => {
    expect(otherNeedles.ids.size).toBeGreaterThan(200);
    expect(otherNeedles.texts.length).toBeGreaterThan(100);
    expect(otherNeedles.texts).toContain(SCHOOLS.B.name.toLowerCase());
    expect(otherNeedles.texts).toContain(SCHOOLS.C.name.toLowerCase());
  });

  /**
   * The inputs to try: A's own ids; then, under A's schoolId, every id the fixture uses taken
   * from B and from C, all together and one at a time (reaching across by id, where one
   * unscoped lookup among several scoped ones is enough to leak).
   */
  function views(fixture: Fixture, others: readonly ("B" | "C")[]): { ids: string; world: World }[] {
    const used = new Set<keyof World>();
    fixture.input(new Proxy(worlds.A, { get: (target, key: keyof World) => (used.add(key), target[key]) }));
    used.delete("schoolId");
    used.delete("wondeId");
    const result = [{ ids: "A's", world: worlds.A }];
    for (const other of others) {
      if (used.size === 0) continue;
      const all = Object.fromEntries([...used].map((key) => [key, worlds[other][key]]));
      result.push({ ids: `${other}'s`, world: { ...worlds.A, ...all } });
      if (used.size > 1) for (const key of used) result.push({ ids: `${other}'s ${key}`, world: { ...worlds.A, [key]: worlds[other][key] } });
    }
    return result;
  }

  const paths = Object.keys(FIXTURES).filter((path) => procedures.includes(path));
  /**
   * Who calls, with whose ids, and what they must never see: the school's callers nothing of B or
   * C; the trust's nothing of B (C's ids are theirs to use: a trust admin may name C's pupil in A's book).
   */
  const callers = () =>
    [
      ["admin", admins.A!, ["B", "C"], otherNeedles],
      ["staff", staff.A!, ["B", "C"], otherNeedles],
      ["trust admin", trustAdmin, ["B"], otherTrustNeedles],
      ["trust viewer", trustViewer, ["B"], otherTrustNeedles],
    ] as const;

  it.each(paths)("%s answers school A's callers with A's data only", async (path) => {
    const fixture = FIXTURES[path]!;
    // The caller who must get an answer: A's admin, or for a trust procedure A's trust admin.
    const answerer = fixture.trust ? "trust admin" : "admin";
    const leaks: string[] = [];
    for (const [who, userId, others, needles] of callers()) {
      const api = appRouter.createCaller(contextFor(db, userId));
      for (const { ids, world } of views(fixture, others)) {
        const response = await answer(() => callAt(api, path)(fixture.input(world)));
        if (who === answerer && ids === "A's") {
          if (!fixture.mayFail) expect(response, `${path} as A's ${who}`).toMatchObject({ ok: true, text: expect.any(String) });
          expect(response.code, `${path} as A's ${who}`).not.toBe("FORBIDDEN");
          if (fixture.returnsSchoolData) expect(found(response.text, ownNeedles), `${path} returns some of A's data`).not.toEqual([]);
        }
        if (fixture.trust && (who === "admin" || who === "staff")) expect(response.code, `${path} as A's ${who}`).toBe("FORBIDDEN");
        for (const needle of found(response.text, needles)) leaks.push(`${path} as A's ${who} with ${ids} ids: ${needle}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it("after every mutation was tried with B's and C's ids, A's reads still show nothing of theirs", async () => {
    const leaks: string[] = [];
    const reads = paths.filter((path) => definitions[path]!._def.type === "query" || path === "incidents.exportCsv");
    expect(reads.length).toBeGreaterThan(20);
    for (const [who, userId, , needles] of callers()) {
      const api = appRouter.createCaller(contextFor(db, userId));
      for (const path of reads) {
        const response = await answer(() => callAt(api, path)(FIXTURES[path]!.input(worlds.A)));
        for (const needle of found(response.text, needles)) leaks.push(`${path} as A's ${who}: ${needle}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it("the activity log CSV export has A's events and nothing of B or C", async () => {
    const url = new URL(`http://localhost/api/activity/export?schoolId=${worlds.A.schoolId}`);
    const response = await activityExportResponse(db, admins.A!, url);
    expect(response.status).toBe(200);
    const csv = await response.text();
    expect(found(csv, ownNeedles)).not.toEqual([]);
    expect(found(csv, otherNeedles)).toEqual([]);
    // The trust's viewer may export it (read-only), with nothing of B either.
    const viewers = await activityExportResponse(db, trustViewer, url);
    expect(viewers.status).toBe(200);
    expect(found(await viewers.text(), otherTrustNeedles)).toEqual([]);
    // Naming another school in the link is refused, for admin and staff alike, and B to A's trust.
    for (const userId of [admins.A!, staff.A!, trustAdmin, trustViewer]) {
      const other = await activityExportResponse(db, userId, new URL(`http://localhost/api/activity/export?schoolId=${worlds.B.schoolId}`));
      expect(other.status).toBe(403);
      expect(found(await other.text(), otherNeedles)).toEqual([]);
    }
  });

  it("the trust's CSV exports have A's and C's rows and nothing of B; B is not theirs to name", async () => {
    for (const exporter of [trustActivityExportResponse, trustIncidentsExportResponse]) {
      for (const userId of [trustAdmin, trustViewer]) {
        const response = await exporter(db, userId, new URL("http://localhost/api/trust/export"));
        expect(response.status).toBe(200);
        const csv = await response.text();
        expect(found(csv, ownNeedles)).not.toEqual([]);
        expect(csv).toContain(SCHOOLS.C.name);
        expect(found(csv, otherTrustNeedles)).toEqual([]);
        const other = await exporter(db, userId, new URL(`http://localhost/api/trust/export?schoolId=${worlds.B.schoolId}`));
        expect(other.status).toBe(404);
        expect(found(await other.text(), otherTrustNeedles)).toEqual([]);
      }
      // A's admin and staff are refused: the trust views are the trust's.
      for (const userId of [admins.A!, staff.A!]) expect((await exporter(db, userId, new URL("http://localhost/api/trust/export"))).status).toBe(403);
    }
  });
});

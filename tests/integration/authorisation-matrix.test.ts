import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import type { Access, Meta } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { contextFor, createSchool, createUser } from "../helpers/fixtures";
import { createPupilWithAccount } from "../helpers/pupils";

// Every procedure × eight callers. The expected outcome comes from the procedure's kind
// (the builder it was made from, recorded in its meta), so a new procedure is covered
// as soon as it exists, and one built without a kind fails the first test. School A is in a
// trust; the trust viewer may read (queries, and mutations marked readsOnly) but change nothing.

type Caller = "anonymous" | "pupil" | "staff" | "admin of another school" | "admin" | "trust admin" | "trust viewer" | "admin of another trust";
type Outcome = "allowed" | "UNAUTHORIZED" | "FORBIDDEN";
/** Reads and writes differ for the trust viewer. */
type Expected = Outcome | { reads: Outcome; writes: Outcome };
const readOnly: Expected = { reads: "allowed", writes: "FORBIDDEN" };

const EXPECTED: Record<Access, Record<Caller, Expected>> = {
  public: { anonymous: "allowed", pupil: "allowed", staff: "allowed", "admin of another school": "allowed", admin: "allowed", "trust admin": "allowed", "trust viewer": "allowed", "admin of another trust": "allowed" },
  signedInAnyone: { anonymous: "UNAUTHORIZED", pupil: "allowed", staff: "allowed", "admin of another school": "allowed", admin: "allowed", "trust admin": "allowed", "trust viewer": "allowed", "admin of another trust": "allowed" },
  // A pupil (signed in, with the PUPIL role at school A) reaches nothing but the launcher's few.
  signedIn: { anonymous: "UNAUTHORIZED", pupil: "FORBIDDEN", staff: "allowed", "admin of another school": "allowed", admin: "allowed", "trust admin": "allowed", "trust viewer": "allowed", "admin of another trust": "allowed" },
  schoolMember: { anonymous: "UNAUTHORIZED", pupil: "FORBIDDEN", staff: "allowed", "admin of another school": "FORBIDDEN", admin: "allowed", "trust admin": "allowed", "trust viewer": readOnly, "admin of another trust": "FORBIDDEN" },
  schoolAdmin: { anonymous: "UNAUTHORIZED", pupil: "FORBIDDEN", staff: "FORBIDDEN", "admin of another school": "FORBIDDEN", admin: "allowed", "trust admin": "allowed", "trust viewer": readOnly, "admin of another trust": "FORBIDDEN" },
  // Trust procedures act on the caller's own trust: another trust's admin is allowed, over theirs.
  trustMember: { anonymous: "UNAUTHORIZED", pupil: "FORBIDDEN", staff: "FORBIDDEN", "admin of another school": "FORBIDDEN", admin: "FORBIDDEN", "trust admin": "allowed", "trust viewer": readOnly, "admin of another trust": "allowed" },
  trustAdmin: { anonymous: "UNAUTHORIZED", pupil: "FORBIDDEN", staff: "FORBIDDEN", "admin of another school": "FORBIDDEN", admin: "FORBIDDEN", "trust admin": "allowed", "trust viewer": "FORBIDDEN", "admin of another trust": "allowed" },
};

function expectedFor(access: Access, caller: Caller, reads: boolean): Outcome {
  const expected = EXPECTED[access][caller];
  return typeof expected === "string" ? expected : reads ? expected.reads : expected.writes;
}

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { meta?: Meta; type: string } }>);
const onlyReads = (p: { _def: { meta?: Meta; type: string } }) => p._def.type === "query" || p._def.meta?.readsOnly === true;

function callAt(caller: unknown, path: string): (input?: unknown) => Promise<unknown> {
  return path.split(".").reduce((node, key) => (node as Record<string, unknown>)[key], caller) as (input?: unknown) => Promise<unknown>;
}

/** Only the access checks count: past them, a procedure may still refuse the bare input (BAD_REQUEST, NOT_FOUND…). */
async function outcome(call: () => Promise<unknown>): Promise<Outcome> {
  try {
    await call();
    return "allowed";
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "UNAUTHORIZED" || error.code === "FORBIDDEN")) return error.code;
    return "allowed";
  }
}

describe("authorisation matrix", () => {
  const users = {} as Record<Caller, string | null>;
  let schoolA: string;
  beforeAll(async () => {
    const trust = await db.trust.create({ data: { name: "Matrix Trust" } });
    const otherTrust = await db.trust.create({ data: { name: "Other Matrix Trust" } });
    schoolA = (await db.school.update({ where: { id: (await createSchool(db)).id }, data: { trustId: trust.id } })).id;
    const schoolB = (await createSchool(db)).id;
    await db.school.update({ where: { id: (await createSchool(db)).id }, data: { trustId: otherTrust.id } });
    users.anonymous = null;
    users.staff = (await createUser(db, { schoolId: schoolA, role: "STAFF" })).id;
    users.pupil = (await createPupilWithAccount(db, schoolA)).userId;
    users["admin of another school"] = (await createUser(db, { schoolId: schoolB, role: "SCHOOL_ADMIN" })).id;
    users.admin = (await createUser(db, { schoolId: schoolA, role: "SCHOOL_ADMIN" })).id;
    const trustUser = async (trustId: string, trustRole: "TRUST_ADMIN" | "TRUST_VIEWER") => (await db.user.update({ where: { id: (await createUser(db)).id }, data: { trustId, trustRole } })).id;
    users["trust admin"] = await trustUser(trust.id, "TRUST_ADMIN");
    users["trust viewer"] = await trustUser(trust.id, "TRUST_VIEWER");
    users["admin of another trust"] = await trustUser(otherTrust.id, "TRUST_ADMIN");
  });
  afterAll(() => db.$disconnect());

  it("knows who may call every procedure", () => {
    const unclassified = procedures.filter(([, p]) => !p._def.meta?.access || !(p._def.meta.access in EXPECTED)).map(([path]) => path);
    expect(unclassified, "build these from publicProcedure / signedInAnyoneProcedure / protectedProcedure / schoolMemberProcedure / schoolAdminProcedure / trustMemberProcedure / trustAdminProcedure").toEqual([]);
    expect(procedures.length).toBeGreaterThan(10);
  });

  const cases = procedures.flatMap(([path, p]) =>
    (Object.keys(EXPECTED.public) as Caller[]).map((caller) => ({ path, caller, access: p._def.meta?.access ?? "schoolAdmin", reads: onlyReads(p) })),
  );
  it.each(cases)("$path ($access) called by $caller", async ({ path, caller, access, reads }) => {
    const api = appRouter.createCaller(contextFor(db, users[caller]));
    // School-scoped calls name school A: the staff member's and the admin's school, not the other admin's.
    expect(await outcome(() => callAt(api, path)({ schoolId: schoolA }))).toBe(expectedFor(access, caller, reads));
  });
});

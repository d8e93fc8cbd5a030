import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { appRouter } from "@/server/trpc/root";
import type { Meta } from "@/server/trpc/init";
import { contextFor, createSchool, createUser } from "../helpers/fixtures";

type AnyCall = (input?: unknown) => Promise<unknown>;

/** Every procedure in the root router, by dotted path. */
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { meta?: Meta } }>);

/** The caller function at a dotted path, e.g. "me.get". */
function callAt(caller: unknown, path: string): AnyCall {
  return path.split(".").reduce((node, key) => (node as Record<string, unknown>)[key], caller) as AnyCall;
}

async function errorCode(call: Promise<unknown>): Promise<string | null> {
  try {
    await call;
    return null;
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
}

// Only these may answer anonymous callers; adding one is a deliberate act.
const PUBLIC_PROCEDURES = ["health", "passwords.describeLink", "passwords.requestReset", "passwords.setPassword"];

describe("tRPC access control", () => {
  let schoolA: string;
  let schoolB: string;
  let adminA: string;
  let staffA: string;
  beforeAll(async () => {
    schoolA = (await createSchool(db)).id;
    schoolB = (await createSchool(db)).id;
    adminA = (await createUser(db, { schoolId: schoolA, role: "SCHOOL_ADMIN" })).id;
    staffA = (await createUser(db, { schoolId: schoolA, role: "STAFF" })).id;
  });
  afterAll(() => db.$disconnect());

  it("finds the procedures to check", () => {
    expect(procedures.map(([path]) => path)).toEqual(expect.arrayContaining(["health", "me.get", "schools.get", "activity.recent"]));
  });

  it("marks exactly the allowed procedures public", () => {
    const marked = procedures.filter(([, p]) => p._def.meta?.access === "public").map(([path]) => path);
    expect(marked.sort()).toEqual(PUBLIC_PROCEDURES);
  });

  it.each(procedures.map(([path]) => path).filter((path) => !PUBLIC_PROCEDURES.includes(path)))("refuses anonymous calls to %s", async (path) => {
    const anonymous = appRouter.createCaller(contextFor(db, null));
    expect(await errorCode(callAt(anonymous, path)({ schoolId: schoolA }))).toBe("UNAUTHORIZED");
  });

  it("answers anonymous health checks", async () => {
    expect(await appRouter.createCaller(contextFor(db, null)).health()).toEqual({ ok: true });
  });

  it("scopes school procedures to the school in the input", async () => {
    const admin = appRouter.createCaller(contextFor(db, adminA));
    expect((await admin.schools.get({ schoolId: schoolA })).id).toBe(schoolA);
    expect(await errorCode(admin.schools.get({ schoolId: schoolB }))).toBe("FORBIDDEN");
    expect(await errorCode(admin.activity.recent({ schoolId: schoolB }))).toBe("FORBIDDEN");
  });

  it("keeps admin-only procedures from staff", async () => {
    const staff = appRouter.createCaller(contextFor(db, staffA));
    expect((await staff.schools.get({ schoolId: schoolA })).role).toBe("STAFF");
    expect(await errorCode(staff.activity.recent({ schoolId: schoolA }))).toBe("FORBIDDEN");
  });

  it("gives trust admins every school of their trust and no other", async () => {
    const trust = await db.trust.create({ data: { name: "Test Trust" } });
    const inTrust = await db.school.create({ data: { name: "Trust School", trustId: trust.id } });
    const trustAdmin = await db.user.create({ data: { email: `trust-${trust.id}@example.org`, trustId: trust.id } });
    const caller = appRouter.createCaller(contextFor(db, trustAdmin.id));
    expect((await caller.schools.get({ schoolId: inTrust.id })).role).toBe("TRUST_ADMIN");
    expect((await caller.me.get()).schools.map((s) => s.schoolId)).toEqual([inTrust.id]);
    expect(await errorCode(caller.schools.get({ schoolId: schoolA }))).toBe("FORBIDDEN");
  });
});

import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import type { Access, Meta } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { contextFor, createSchool, createUser } from "../helpers/fixtures";
import { createPupilWithAccount } from "../helpers/pupils";

// Every procedure × four callers. The expected outcome comes from the procedure's kind
// (the builder it was made from, recorded in its meta), so a new procedure is covered
// as soon as it exists, and one built without a kind fails the first test.

type Caller = "anonymous" | "pupil" | "staff" | "admin of another school" | "admin";
type Outcome = "allowed" | "UNAUTHORIZED" | "FORBIDDEN";

const EXPECTED: Record<Access, Record<Caller, Outcome>> = {
  public: { anonymous: "allowed", pupil: "allowed", staff: "allowed", "admin of another school": "allowed", admin: "allowed" },
  signedInAnyone: { anonymous: "UNAUTHORIZED", pupil: "allowed", staff: "allowed", "admin of another school": "allowed", admin: "allowed" },
  // A pupil (signed in, with the PUPIL role at school A) reaches nothing but the launcher's few.
  signedIn: { anonymous: "UNAUTHORIZED", pupil: "FORBIDDEN", staff: "allowed", "admin of another school": "allowed", admin: "allowed" },
  schoolMember: { anonymous: "UNAUTHORIZED", pupil: "FORBIDDEN", staff: "allowed", "admin of another school": "FORBIDDEN", admin: "allowed" },
  schoolAdmin: { anonymous: "UNAUTHORIZED", pupil: "FORBIDDEN", staff: "FORBIDDEN", "admin of another school": "FORBIDDEN", admin: "allowed" },
};

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { meta?: Meta; type: string } }>);

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
    schoolA = (await createSchool(db)).id;
    const schoolB = (await createSchool(db)).id;
    users.anonymous = null;
    users.staff = (await createUser(db, { schoolId: schoolA, role: "STAFF" })).id;
    users.pupil = (await createPupilWithAccount(db, schoolA)).userId;
    users["admin of another school"] = (await createUser(db, { schoolId: schoolB, role: "SCHOOL_ADMIN" })).id;
    users.admin = (await createUser(db, { schoolId: schoolA, role: "SCHOOL_ADMIN" })).id;
  });
  afterAll(() => db.$disconnect());

  it("knows who may call every procedure", () => {
    const unclassified = procedures.filter(([, p]) => !p._def.meta?.access || !(p._def.meta.access in EXPECTED)).map(([path]) => path);
    expect(unclassified, "build these from publicProcedure / signedInAnyoneProcedure / protectedProcedure / schoolMemberProcedure / schoolAdminProcedure").toEqual([]);
    expect(procedures.length).toBeGreaterThan(10);
  });

  const cases = procedures.flatMap(([path, p]) =>
    (Object.keys(EXPECTED.public) as Caller[]).map((caller) => ({ path, caller, access: p._def.meta?.access ?? "schoolAdmin" })),
  );
  it.each(cases)("$path ($access) called by $caller", async ({ path, caller, access }) => {
    const api = appRouter.createCaller(contextFor(db, users[caller]));
    // School-scoped calls name school A: the staff member's and the admin's school, not the other admin's.
    expect(await outcome(() => callAt(api, path)({ schoolId: schoolA }))).toBe(EXPECTED[access][caller]);
  });
});

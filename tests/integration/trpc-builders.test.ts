import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { actorFor } from "@/server/trpc/actor";
import { protectedProcedure, publicProcedure, router, schoolAdminProcedure, trustAdminProcedure, trustMemberProcedure } from "@/server/trpc/init";
import { contextFor, createSchool, createUser } from "../helpers/fixtures";
import { createPupilWithAccount } from "../helpers/pupils";

// What each procedure builder answers a refused caller, and what an error's shape carries
// (written for the mutants that survived; see tests/MUTANTS.md).

const testRouter = router({
  echo: publicProcedure.input((v) => v as { text: string }).query(({ input }) => input.text),
  mine: protectedProcedure.query(() => "ok"),
  actor: protectedProcedure.query(({ ctx }) => actorFor(ctx)),
  admin: schoolAdminProcedure.query(() => "ok"),
  trustView: trustMemberProcedure.query(() => "ok"),
  trustChange: trustMemberProcedure.mutation(() => "ok"),
  trustAdmin: trustAdminProcedure.query(() => "ok"),
  refuse: publicProcedure.query(() => {
    throw new TRPCError({ code: "CONFLICT", message: "Taken." });
  }),
  crash: publicProcedure.query(() => {
    throw new Error("password authentication failed for user staffroom");
  }),
});

type Body = { error: { json: { message: string; data: { code: string; stack?: string } } }; result?: { data: { json: unknown } } };

async function call(path: string, userId: string | null, input?: unknown, method: "GET" | "POST" = "GET") {
  const query = input === undefined || method === "POST" ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const req = new Request(`http://localhost/api/trpc/${path}${query}`, method === "POST" ? { method, body: JSON.stringify({ json: input ?? null }), headers: { "content-type": "application/json" } } : undefined);
  const response = await fetchRequestHandler({ endpoint: "/api/trpc", req, router: testRouter, createContext: () => contextFor(db, userId) });
  return (await response.json()) as Body;
}

describe("procedure builders", () => {
  let schoolId: string;
  let staffId: string;
  let pupilId: string;
  let trustAdminId: string;
  let trustViewerId: string;
  beforeAll(async () => {
    schoolId = (await createSchool(db)).id;
    staffId = (await createUser(db, { schoolId, role: "STAFF" })).id;
    pupilId = (await createPupilWithAccount(db, schoolId)).userId;
    const trust = await db.trust.create({ data: { name: "Builders Trust" } });
    const trustUser = async (trustRole: "TRUST_ADMIN" | "TRUST_VIEWER") => (await db.user.update({ where: { id: (await createUser(db)).id }, data: { trustId: trust.id, trustRole } })).id;
    trustAdminId = await trustUser("TRUST_ADMIN");
    trustViewerId = await trustUser("TRUST_VIEWER");
  });
  afterAll(() => db.$disconnect());

  it("tells each refused caller why, in words", async () => {
    expect((await call("echo", null, { text: "a\u0000b" })).error.json.message).toBe("Some text can't be accepted.");
    expect((await call("mine", null)).error.json.message).toBe("Please sign in.");
    expect((await call("admin", staffId, { schoolId })).error.json.message).toBe("Only this school's administrators can do that.");
    expect((await call("mine", pupilId)).error.json.message).toBe("Pupils can't open this.");
    expect((await call("trustView", staffId)).error.json.message).toBe("Only a trust's admins and viewers can see the trust views.");
    expect((await call("trustChange", trustViewerId, undefined, "POST")).error.json.message).toBe("Trust viewers can see everything but change nothing.");
    expect((await call("trustAdmin", trustViewerId)).error.json.message).toBe("Only the trust's administrators can do that.");
  });

  it("names the caller in the activity log by their email address, though they have a name", async () => {
    const user = await db.user.update({ where: { id: (await createUser(db, { schoolId, role: "STAFF" })).id }, data: { name: "Ada Lovelace" } });
    expect((await call("actor", user.id)).result?.data.json).toEqual({ userId: user.id, label: user.email });
    // An account without an email (a pupil's) is named by its name.
    const noEmail = await db.user.update({ where: { id: user.id }, data: { email: null } });
    expect((await call("actor", noEmail.id)).result?.data.json).toEqual({ userId: user.id, label: "Ada Lovelace" });
  });

  it("lets a trust viewer read the trust views and a trust admin change them", async () => {
    expect((await call("trustView", trustViewerId)).result?.data.json).toBe("ok");
    expect((await call("trustChange", trustAdminId, undefined, "POST")).result?.data.json).toBe("ok");
  });

  it("keeps the stack of an error meant for the caller outside production, and never of a masked one", async () => {
    const refused = (await call("refuse", null)).error.json;
    expect(refused.message).toBe("Taken.");
    expect(refused.data.stack).toEqual(expect.stringContaining("Taken."));
    const logged = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    const masked = (await call("crash", null)).error.json;
    logged.mockRestore();
    expect(masked.message).toMatch(/^Something went wrong \(ref /);
    expect(masked.data).not.toHaveProperty("stack");
    expect(JSON.stringify(masked)).not.toContain("password authentication");
  });
});

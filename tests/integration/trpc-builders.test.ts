import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { protectedProcedure, publicProcedure, router, schoolAdminProcedure } from "@/server/trpc/init";
import { contextFor, createSchool, createUser } from "../helpers/fixtures";

// What each procedure builder answers a refused caller, and what an error's shape carries
// (written for the mutants that survived; see tests/MUTANTS.md).

const testRouter = router({
  echo: publicProcedure.input((v) => v as { text: string }).query(({ input }) => input.text),
  mine: protectedProcedure.query(() => "ok"),
  admin: schoolAdminProcedure.query(() => "ok"),
  refuse: publicProcedure.query(() => {
    throw new TRPCError({ code: "CONFLICT", message: "Taken." });
  }),
  crash: publicProcedure.query(() => {
    throw new Error("password authentication failed for user staffroom");
  }),
});

type ErrorBody = { error: { json: { message: string; data: { code: string; stack?: string } } } };

async function call(path: string, userId: string | null, input?: unknown) {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const response = await fetchRequestHandler({ endpoint: "/api/trpc", req: new Request(`http://localhost/api/trpc/${path}${query}`), router: testRouter, createContext: () => contextFor(db, userId) });
  return (await response.json()) as ErrorBody;
}

describe("procedure builders", () => {
  let schoolId: string;
  let staffId: string;
  beforeAll(async () => {
    schoolId = (await createSchool(db)).id;
    staffId = (await createUser(db, { schoolId, role: "STAFF" })).id;
  });
  afterAll(() => db.$disconnect());

  it("tells each refused caller why, in words", async () => {
    expect((await call("echo", null, { text: "a\u0000b" })).error.json.message).toBe("Some text can't be accepted.");
    expect((await call("mine", null)).error.json.message).toBe("Please sign in.");
    expect((await call("admin", staffId, { schoolId })).error.json.message).toBe("Only this school's administrators can do that.");
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

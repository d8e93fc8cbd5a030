// Finding 8: internal errors leaked (Prisma's text, a prisma.incident.create() dump, another
// tenant's "Unique constraint failed on School_wondeId_key").
import type { AnyTRPCRouter } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db, createDb } from "@/server/db";
import { logger } from "@/server/logger";
import { publicProcedure, router } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { contextFor, createUser } from "../helpers/fixtures";

type ErrorBody = { error: { json: { message: string; data: { code: string; httpStatus: number } } } };

async function callOverHttp(path: string, ctx: ReturnType<typeof contextFor>, routerToUse: AnyTRPCRouter = appRouter, input: unknown = undefined) {
  const url = `http://localhost/api/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`;
  const response = await fetchRequestHandler({ endpoint: "/api/trpc", req: new Request(url), router: routerToUse, createContext: () => ctx });
  return { status: response.status, body: (await response.json()) as ErrorBody };
}

describe("errors reaching the client", () => {
  let userId: string;
  beforeAll(async () => {
    userId = (await createUser(db)).id;
  });
  afterAll(() => db.$disconnect());

  it("masks an unexpected database error behind a reference, and logs the details under it", async () => {
    const logged = vi.spyOn(logger, "error");
    const unreachable = createDb("postgresql://nobody:secret@127.0.0.1:1/staffroom");
    const { status, body } = await callOverHttp("me.get", contextFor(unreachable, userId));
    expect(status).toBe(500);
    const message = body.error.json.message;
    expect(message).toMatch(/^Something went wrong \(ref [0-9A-Z]{4}-[0-9A-Z]{4}\)/);
    expect(JSON.stringify(body)).not.toMatch(/prisma|ECONNREFUSED|127\.0\.0\.1|nobody|findUnique/i);
    const ref = /ref ([0-9A-Z-]+)/.exec(message)![1];
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ ref, path: "me.get", err: expect.anything() }), expect.any(String));
    logged.mockRestore();
  });

  it("says a unique value is already in use without naming the table, the key or the other tenant", async () => {
    const taken = `W-${Date.now()}`;
    await db.school.create({ data: { name: "Another trust's school", wondeId: taken } });
    // A procedure that writes a duplicate, as connecting another tenant's Wonde school did.
    const duplicate = router({ connect: publicProcedure.query(() => db.school.create({ data: { name: "Mine", wondeId: taken } })) });
    const { status, body } = await callOverHttp("connect", contextFor(db, userId), duplicate);
    expect(status).toBe(409);
    expect(body.error.json.message).toMatch(/already in use/);
    expect(JSON.stringify(body)).not.toMatch(/wondeId|School_|Unique constraint|Another trust/);
  });

  it("keeps a user-facing message as it is", async () => {
    const { status, body } = await callOverHttp("incidents.get", contextFor(db, userId), appRouter, { schoolId: "no-such-school", incidentId: "x" });
    expect(status).toBe(403);
    expect(body.error.json.message).toBe("You don't have access to this school.");
  });
});

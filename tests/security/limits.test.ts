// Finding 7: no body-size limits (200 MB webhook bodies read in full before the signature
// check, a 30 MB tRPC body parsed, a 50 MB school_name stored); and finding 8's NUL bytes.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { handleResendWebhook } from "@/server/incidents/webhook";
import { handleWondeWebhook, wondeWebhookSchema } from "@/server/migrations/webhook";
import { POST as trpcPost } from "@/app/api/trpc/[trpc]/route";
import { appRouter } from "@/server/trpc/root";
import { contextFor, createSchool, createUser } from "../helpers/fixtures";
import { RESEND_WEBHOOK_SECRET } from "../helpers/resend-webhook";

/** A request whose body is `total` bytes streamed in 16 KB chunks; `pulled()` says how many were read. */
function streamingRequest(url: string, total: number, headers: Record<string, string> = {}) {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const chunk = new Uint8Array(Math.min(16 * 1024, total - sent)).fill(0x61);
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  const request = new Request(url, { method: "POST", body, headers, duplex: "half" } as RequestInit);
  return { request, pulled: () => sent };
}

const KB = 1024;
const incident = { occurredAt: "2026-11-23T10:00", locationDetail: "Hall", type: "ACCIDENT_INJURY", severity: "MINOR", description: "Fell over", affected: [{ visitorName: "Val" }] };

describe("request size limits", () => {
  it("answers a 300 KB webhook with 413 without reading it all (no Content-Length)", async () => {
    const { request, pulled } = streamingRequest("http://localhost/api/webhooks/resend", 300 * KB);
    const result = await handleResendWebhook(db, request, RESEND_WEBHOOK_SECRET);
    expect(result.status).toBe(413);
    expect(pulled()).toBeLessThan(300 * KB);
  });

  it("answers a webhook declaring 300 KB with 413 before reading a byte", async () => {
    const { request, pulled } = streamingRequest("http://localhost/api/webhooks/resend", 300 * KB, { "content-length": String(300 * KB) });
    expect((await handleResendWebhook(db, request, RESEND_WEBHOOK_SECRET)).status).toBe(413);
    expect(pulled()).toBeLessThanOrEqual(16 * KB);
  });

  it("answers a 2 MB tRPC body with 413 before parsing it", async () => {
    const { request, pulled } = streamingRequest("http://localhost/api/trpc/incidents.create", 2 * KB * KB, { "content-type": "application/json" });
    const response = await trpcPost(request);
    expect(response.status).toBe(413);
    expect(pulled()).toBeLessThan(2 * KB * KB);
  });

  it("stores a webhook's text fields cleaned and truncated", async () => {
    const school = await db.school.create({ data: { name: "Truncation School", wondeId: `A${Date.now()}` } });
    const parsed = wondeWebhookSchema.parse({ payload_type: "schoolApproved", school_id: school.wondeId, school_name: `Evil\u0000 ${"x".repeat(200_000)}`, extra: "y".repeat(100_000) });
    await handleWondeWebhook(db, parsed);
    const event = await db.activityEvent.findFirstOrThrow({ where: { schoolId: school.id, action: "Wonde Access Approved" } });
    const details = event.details as Record<string, unknown>;
    expect(details.school_name).toBe(`Evil ${"x".repeat(195)}`);
    expect(details).not.toHaveProperty("extra");
  });
});

describe("control characters in input", () => {
  let schoolId: string;
  let userId: string;
  beforeAll(async () => {
    schoolId = (await createSchool(db)).id;
    userId = (await createUser(db, { schoolId, role: "SCHOOL_ADMIN" })).id;
  });
  afterAll(() => db.$disconnect());

  /** A tRPC call over HTTP as the browser makes it (superjson-encoded), as `userId`. */
  async function call(path: string, input: unknown, method: "GET" | "POST") {
    const encoded = encodeURIComponent(JSON.stringify({ json: input }));
    const req =
      method === "GET"
        ? new Request(`http://localhost/api/trpc/${path}?input=${encoded}`)
        : new Request(`http://localhost/api/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ json: input }) });
    const response = await fetchRequestHandler({ endpoint: "/api/trpc", req, router: appRouter, createContext: () => contextFor(db, userId) });
    return { status: response.status, body: (await response.json()) as { error?: { json: { message: string; data: { fieldErrors: Record<string, string[]> | null } } } } };
  }

  it.each([
    ["a NUL in an incident description", "incidents.create", "POST", (s: string) => ({ schoolId: s, ...incident, description: "Fell\u0000 over" }), "description"],
    ["a NUL in a visitor's name", "incidents.create", "POST", (s: string) => ({ schoolId: s, ...incident, affected: [{ visitorName: "Val\u0000" }] }), "affected"],
    ["a NUL in a search", "incidents.searchPeople", "GET", (s: string) => ({ schoolId: s, query: "\u0000" }), "query"],
    ["a NUL in a staff search", "staff.list", "GET", (s: string) => ({ schoolId: s, search: "a\u0000b" }), "search"],
  ] as const)("refuses %s with a 400 and a field error, naming nothing internal", async (_, path, method, input, field) => {
    const { status, body } = await call(path, input(schoolId), method);
    expect(status).toBe(400);
    expect(body.error!.json.data.fieldErrors).toHaveProperty(field);
    expect(JSON.stringify(body)).not.toMatch(/prisma|invalid byte sequence|0x00/i);
  });
});

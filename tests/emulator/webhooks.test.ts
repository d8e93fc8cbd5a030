import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schoolToken } from "@/emulator/webhooks";
import { harness, HILLCREST, OAKFIELD, type Harness } from "./helpers";

interface Received {
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

describe("webhooks", () => {
  let h: Harness;
  let receiver: Server;
  const received: Received[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    h = await harness({ seed: "hooks", webhook: { url, secret: "s3cret" } });
  });
  afterAll(async () => {
    await h.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it("schoolApproved posts the school and a token that then works", async () => {
    const res = (await h.admin("POST", "webhook", { payload_type: "schoolApproved", school_id: HILLCREST })).json();
    expect(res.status).toBe(204);
    const last = received.at(-1);
    expect(last?.headers["x-webhook-secret"]).toBe("s3cret");
    expect(last?.body).toMatchObject({ payload_type: "schoolApproved", school_id: HILLCREST, school_name: "Hillcrest Primary School" });
    const token = last?.body.school_token as string;
    expect(token).toBe(schoolToken("hooks", HILLCREST));
    expect((await h.api(`schools/${HILLCREST}/students`, { token })).status).toBe(200);
  });

  it("accessRevoked revokes access", async () => {
    expect((await h.api(`schools/${OAKFIELD}`)).status).toBe(200);
    await h.admin("POST", "webhook", { payload_type: "accessRevoked", school_id: OAKFIELD, revoke_reason: "Test" });
    expect(received.at(-1)?.body).toMatchObject({ payload_type: "accessRevoked", school_id: OAKFIELD, revoke_reason: "Test" });
    expect((await h.api(`schools/${OAKFIELD}`)).status).toBe(403);
    expect((await h.api("schools")).json().data.map((s: { id: string }) => s.id)).not.toContain(OAKFIELD);
  });

  it("schoolMigration migrates the school and says from where to where", async () => {
    h.emulator.state.reset();
    await h.admin("POST", "webhook", { payload_type: "schoolMigration", school_id: OAKFIELD, migrate_to: "Arbor" });
    expect(received.at(-1)?.body).toMatchObject({ payload_type: "schoolMigration", migrate_from: "SIMS", migrate_to: "Arbor" });
    expect((await h.api(`schools/${OAKFIELD}`)).json().data.mis).toBe("Arbor");
    expect((await h.admin("POST", "webhook", { payload_type: "schoolMigration", school_id: OAKFIELD })).status).toBe(422);
  });
});

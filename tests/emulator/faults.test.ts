import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { harness, OAKFIELD, type Harness } from "./helpers";

describe("faults on demand", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ seed: "faults" });
  });
  afterEach(() => {
    h.emulator.state.clearFaults();
    h.emulator.state.clearRequestLog();
  });
  afterAll(() => h.close());

  const students = `schools/${OAKFIELD}/students?per_page=5`;

  it("fails the next N requests with 429 and Retry-After, then recovers", async () => {
    h.emulator.state.setFaults([{ kind: "rate_limit", count: 2, retryAfter: 7 }]);
    const first = await h.api(students);
    expect(first.status).toBe(429);
    expect(first.headers["retry-after"]).toBe("7");
    expect(first.json().error).toBe("too_many_requests");
    expect((await h.api(students)).status).toBe(429);
    expect((await h.api(students)).status).toBe(200);
    const log = h.emulator.state.requestLog();
    expect(log.map((r) => [r.status, r.fault])).toEqual([[429, "rate_limit"], [429, "rate_limit"], [200, null]]);
  });

  it("fails every Kth request with a 5xx, and only on matching paths", async () => {
    h.emulator.state.setFaults([{ kind: "server_error", every: 3, path: "/students" }]);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await h.api(students)).status);
    expect(statuses).toEqual([200, 200, 500, 200, 200, 500, 200]);
    expect((await h.api(`schools/${OAKFIELD}/employees`)).status).toBe(200);
    h.emulator.state.setFaults([{ kind: "server_error", count: 1, status: 503 }]);
    expect((await h.api(students)).status).toBe(503);
  });

  it("drops the connection mid-response", async () => {
    h.emulator.state.setFaults([{ kind: "drop", count: 1 }]);
    await expect(h.api(students)).rejects.toThrow();
    expect((await h.api(students)).status).toBe(200);
    expect(h.emulator.state.requestLog()[0]?.fault).toBe("drop");
  });

  it("sends a truncated JSON page", async () => {
    h.emulator.state.setFaults([{ kind: "bad_json", count: 1 }]);
    const res = await h.api(students);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/json");
    expect(() => res.json()).toThrow(SyntaxError);
    expect((await h.api(students)).json().data).toHaveLength(5);
  });

  it("slows responses down", async () => {
    h.emulator.state.setFaults([{ kind: "delay", delayMs: 120, count: 1 }]);
    const started = performance.now();
    expect((await h.api(students)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it("is configured over HTTP and reports its counters and the request log", async () => {
    const put = await h.admin("PUT", "faults", { rules: [{ kind: "rate_limit", every: 2 }] });
    expect(put.status).toBe(200);
    for (let i = 0; i < 4; i++) await h.api(students);
    const faults = (await h.admin("GET", "faults")).json();
    expect(faults.rules[0]).toMatchObject({ seen: 4, fired: 2 });
    const log = (await h.admin("GET", "requests")).json();
    expect(log.count).toBe(4);
    expect(log.requests.map((r: { status: number }) => r.status)).toEqual([200, 429, 200, 429]);
    expect(log.requests[0]).toMatchObject({ method: "GET", path: `/v1.0/schools/${OAKFIELD}/students`, query: "per_page=5", token: "demo" });
    const since = log.requests[1].seq;
    expect((await h.admin("GET", `requests?since=${since}`)).json().count).toBe(2);
    expect((await h.admin("PUT", "faults", { rules: [{ kind: "meteor" }] })).status).toBe(422);
    expect((await h.admin("DELETE", "faults")).json().rules).toEqual([]);
  });
});

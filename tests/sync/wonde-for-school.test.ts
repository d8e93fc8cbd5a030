/**
 * The Wonde client a school's sync uses when none is given: its region's API with its own
 * (decrypted) token, and a plain refusal for a school not connected yet. Requests go to a
 * stand-in fetch that records them (WONDE_BASE_URL is not set in tests).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { encryptSecret } from "@/server/crypto";
import { env } from "@/server/env";
import { wondeClientForSchool } from "@/server/sync/wonde-for-school";

const SCHOOL = { id: "A1", name: "Oak", mis: "SIMS", urn: null, la_code: null, establishment_number: null, timezone: "Europe/London", region: { domain: "api.wonde.com" } };

function recordRequests() {
  const requests: { url: string; authorization: string | null }[] = [];
  vi.stubGlobal("fetch", async (url: string | URL, init?: RequestInit) => {
    requests.push({ url: String(url), authorization: new Headers(init?.headers).get("authorization") });
    return new Response(JSON.stringify({ data: SCHOOL }), { status: 200, headers: { "content-type": "application/json" } });
  });
  return requests;
}

afterEach(() => vi.unstubAllGlobals());

describe("wondeClientForSchool", () => {
  it("refuses a school with no Wonde token, saying how to connect it", () => {
    expect(() => wondeClientForSchool({ regionDomain: "api-ap-southeast-2.wonde.com", wondeTokenEnc: null })).toThrow("This school is not connected to Wonde yet: connect it in Settings.");
  });

  it("asks the school's region's API with the school's own token, or Wonde's main API when it has no region", async () => {
    expect(env.WONDE_BASE_URL).toBeUndefined();
    const requests = recordRequests();
    await wondeClientForSchool({ regionDomain: "api-ap-southeast-2.wonde.com", wondeTokenEnc: encryptSecret("token-of-the-south") }).school("A1");
    await wondeClientForSchool({ regionDomain: null, wondeTokenEnc: encryptSecret("token-of-the-north") }).school("A1");
    expect(requests.map((r) => [new URL(r.url).origin + new URL(r.url).pathname, r.authorization])).toEqual([
      ["https://api-ap-southeast-2.wonde.com/v1.0/schools/A1", "Bearer token-of-the-south"],
      ["https://api.wonde.com/v1.0/schools/A1", "Bearer token-of-the-north"],
    ]);
  });
});

import { decryptSecret } from "@/server/crypto";
import { env } from "@/server/env";
import { baseUrlForDomain, createWondeClient, DEFAULT_BASE_URL, type WondeClient } from "@/server/wonde";

/**
 * The Wonde client for one school: its region's API (or WONDE_BASE_URL, which
 * points development and tests at the emulator) and its own token, paced per
 * token (WONDE_REQUESTS_PER_SECOND) across every school that shares it.
 */
export function wondeClientForSchool(school: { regionDomain: string | null; wondeTokenEnc: string | null }): WondeClient {
  if (!school.wondeTokenEnc) throw new Error("This school is not connected to Wonde yet: connect it in Settings.");
  const baseUrl = env.WONDE_BASE_URL ?? (school.regionDomain ? baseUrlForDomain(school.regionDomain) : DEFAULT_BASE_URL);
  return createWondeClient({ baseUrl, token: decryptSecret(school.wondeTokenEnc), requestsPerSecond: env.WONDE_REQUESTS_PER_SECOND });
}

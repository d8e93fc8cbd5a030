// Connecting a trust from one Wonde account token: every school the token can see is listed
// (approved, pending, revoked), and the approved ones are connected in one go, each through the
// single-school connect (scopes read, token stored) with its first sync queued. The token is
// kept for the trust, so the scheduled check connects schools approved for it later.
import { recordActivity, type Actor } from "../activity/record";
import { decryptSecret, encryptSecret } from "../crypto";
import type { Db } from "../db";
import { logger } from "../logger";
import { connectSchool, wondeClientForToken } from "../schools/wonde-connection";
import { requestSync } from "../sync/queue";
import { UserFacingError } from "../user-facing-error";
import { collectAll, WondeAuthError, WondeError, WondeNotFoundError, type Page, type School, type WondeClient } from "../wonde";
import type { SyncTrigger } from "../generated/prisma/client";

/** How Wonde lists the school for this token. */
export type WondeAccess = "approved" | "pending" | "revoked";

/**
 * Where the school stands in Staffroom: `ready` to connect (new, or this trust's school without
 * a token), `connected` (already syncing), `elsewhere` (a school outside this trust has it), or
 * `waiting` for the school to approve in Wonde.
 */
export type TokenSchoolState = "ready" | "connected" | "elsewhere" | "waiting";

export type TokenSchool = {
  wondeId: string;
  name: string;
  mis: string | null;
  access: WondeAccess;
  state: TokenSchoolState;
  /** Our school, when it is this trust's. */
  schoolId: string | null;
  /** What happens, or what to do, in a sentence. */
  advice: string;
};

export type ConnectOutcome = TokenSchool & { result: "connected" | "already connected" | "skipped" | "failed"; runId: string | null; error: string | null };

const ADVICE: Record<WondeAccess, string> = {
  approved: "",
  pending:
    "Waiting for the school to approve Staffroom in Wonde. Ask its data manager to accept the request in the Wonde portal; it is connected at the next check after that.",
  revoked: "The school revoked Staffroom's access in Wonde. Ask its data manager to approve Staffroom again in the Wonde portal.",
};
const STATE_ADVICE: Record<Exclude<TokenSchoolState, "waiting">, string> = {
  ready: "Ready: connecting reads its scopes and starts its first sync.",
  connected: "Connected to Staffroom.",
  elsewhere: "Already connected to Staffroom outside this trust. It stays with its own administrators; ask Staffroom support to move it into the trust.",
};

/** A list Wonde may not offer to every account: a 404 means none. */
async function optionalList(pages: () => AsyncIterable<Page<School>>) {
  try {
    return await collectAll(pages());
  } catch (error) {
    if (error instanceof WondeNotFoundError) return [];
    throw error;
  }
}

/** Every school the token can see, with where each stands for this trust. */
export async function listTokenSchools(db: Db, trustId: string, client: WondeClient): Promise<TokenSchool[]> {
  const [approved, pending, revoked] = await Promise.all([
    collectAll(client.schools()),
    optionalList(() => client.schoolsWithAccess("pending")),
    optionalList(() => client.schoolsWithAccess("revoked")),
  ]);
  const seen = new Map<string, { wondeId: string; name: string; mis: string | null; access: WondeAccess }>();
  // Approved first: a school Wonde lists twice counts as approved.
  for (const [access, list] of [["approved", approved], ["pending", pending], ["revoked", revoked]] as const) {
    for (const s of list) if (!seen.has(s.id)) seen.set(s.id, { wondeId: s.id, name: s.name, mis: s.mis, access });
  }
  const ours = await db.school.findMany({ where: { wondeId: { in: [...seen.keys()] } }, select: { id: true, wondeId: true, trustId: true, wondeTokenEnc: true } });
  const byWondeId = new Map(ours.map((s) => [s.wondeId!, s]));
  return [...seen.values()]
    .map((s) => {
      const row = byWondeId.get(s.wondeId);
      const inTrust = row?.trustId === trustId;
      const state: TokenSchoolState =
        row && !inTrust ? "elsewhere" : s.access !== "approved" ? "waiting" : row?.wondeTokenEnc ? "connected" : "ready";
      return { ...s, state, schoolId: inTrust ? row.id : null, advice: state === "waiting" ? ADVICE[s.access] : STATE_ADVICE[state] };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Wonde's refusal of the token itself, in words for the person who pasted it. */
async function withReadableTokenErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof WondeAuthError) throw new UserFacingError("BAD_REQUEST", "Wonde didn't accept that token. Copy your account token from the Wonde portal again and paste all of it.");
    if (error instanceof WondeError) throw new UserFacingError("BAD_REQUEST", error.userMessage);
    throw error;
  }
}

/** The schools a pasted token can see, before anything is stored. */
export function previewTrustToken(db: Db, trustId: string, token: string) {
  return withReadableTokenErrors(() => listTokenSchools(db, trustId, wondeClientForToken(token)));
}

/**
 * Connects each `ready` school: created in the trust (or this trust's row reused), scopes read,
 * token stored, first full sync queued. One school failing never stops the others.
 */
async function connectReadySchools(db: Db, input: { trustId: string; token: string; actor: Actor; trigger: SyncTrigger }, schools: TokenSchool[]): Promise<ConnectOutcome[]> {
  const outcomes: ConnectOutcome[] = [];
  for (const school of schools) {
    if (school.state !== "ready") {
      outcomes.push({ ...school, result: school.state === "connected" ? "already connected" : "skipped", runId: null, error: null });
      continue;
    }
    try {
      const row = await connectSchool(db, { wondeSchoolId: school.wondeId, token: input.token, schoolId: school.schoolId ?? undefined, trustId: input.trustId, actor: input.actor });
      const { runId } = await requestSync(db, { schoolId: row.id, mode: "full", trigger: input.trigger, actor: "userId" in input.actor ? input.actor : undefined });
      outcomes.push({ ...school, schoolId: row.id, state: "connected", advice: STATE_ADVICE.connected, result: "connected", runId, error: null });
    } catch (error) {
      logger.warn({ err: error, trustId: input.trustId, wondeId: school.wondeId }, "A school of a trust token could not be connected");
      const message = error instanceof WondeError ? error.userMessage : "It could not be connected this time; it is tried again at the next check.";
      outcomes.push({ ...school, result: "failed", runId: null, error: message });
    }
  }
  return outcomes;
}

/** Stores the trust's token (after Wonde accepts it) and connects every approved school it sees. */
export async function connectTrust(db: Db, input: { trustId: string; token: string; actor: Actor }): Promise<ConnectOutcome[]> {
  const schools = await previewTrustToken(db, input.trustId, input.token);
  await db.$transaction(async (tx) => {
    const trust = await tx.trust.update({ where: { id: input.trustId }, data: { wondeTokenEnc: encryptSecret(input.token), wondeCheckedAt: new Date() } });
    const count = (access: WondeAccess) => schools.filter((s) => s.access === access).length;
    await recordActivity(
      { schoolId: null, actor: input.actor, action: "Trust Wonde Connected", subject: { type: "Trust", id: trust.id, label: trust.name }, details: { approved: count("approved"), pending: count("pending"), revoked: count("revoked") } },
      tx,
    );
  });
  return connectReadySchools(db, { ...input, trigger: "MANUAL" }, schools);
}

/** The trust's stored token's schools as they stand now (the Connect page after connecting). */
export async function trustTokenSchools(db: Db, trustId: string): Promise<{ connected: boolean; checkedAt: Date | null; schools: TokenSchool[] }> {
  const trust = await db.trust.findUniqueOrThrow({ where: { id: trustId }, select: { wondeTokenEnc: true, wondeCheckedAt: true } });
  if (!trust.wondeTokenEnc) return { connected: false, checkedAt: null, schools: [] };
  const schools = await withReadableTokenErrors(() => listTokenSchools(db, trustId, wondeClientForToken(decryptSecret(trust.wondeTokenEnc!))));
  return { connected: true, checkedAt: trust.wondeCheckedAt, schools };
}

/**
 * The scheduled check: for every trust with a token, connects the schools approved for it since
 * the last check. A trust whose token fails is logged and left for the next check.
 */
export async function checkTrustTokens(db: Db, now = new Date()) {
  const trusts = await db.trust.findMany({ where: { wondeTokenEnc: { not: null } }, select: { id: true, wondeTokenEnc: true }, orderBy: { id: "asc" } });
  let connected = 0;
  for (const trust of trusts) {
    try {
      const token = decryptSecret(trust.wondeTokenEnc!);
      const schools = await listTokenSchools(db, trust.id, wondeClientForToken(token));
      const outcomes = await connectReadySchools(db, { trustId: trust.id, token, actor: { system: "Trust check" }, trigger: "SCHEDULE" }, schools);
      connected += outcomes.filter((o) => o.result === "connected").length;
      await db.trust.update({ where: { id: trust.id }, data: { wondeCheckedAt: now } });
    } catch (error) {
      logger.error({ err: error, trustId: trust.id }, "A trust's Wonde token could not be checked");
    }
  }
  return { trusts: trusts.length, connected };
}

import type { Db } from "../db";
import { encryptSecret } from "../crypto";
import { env } from "../env";
import { recordActivity, type Actor } from "../activity/record";
import { baseUrlForDomain, createWondeClient, DEFAULT_BASE_URL, type WondeClient } from "../wonde";

export type ConnectInput = {
  wondeSchoolId: string;
  token: string;
  /** Connect this existing school; otherwise a new school is created. */
  schoolId?: string;
  /** The trust a new school is created in (a trust connect). */
  trustId?: string;
  actor?: Actor;
  client?: WondeClient;
};

/** A client for a token pasted in Staffroom: Wonde's UK API, or WONDE_BASE_URL (the emulator in development). */
export function wondeClientForToken(token: string): WondeClient {
  return createWondeClient({ baseUrl: env.WONDE_BASE_URL ?? DEFAULT_BASE_URL, token });
}

/**
 * Connects a school to Wonde: checks the token can read the school (Wonde's
 * own errors say what's wrong), then stores its MIS, region and approved
 * scopes, with the token encrypted at rest.
 */
export async function connectSchool(db: Db, input: ConnectInput) {
  const client = input.client ?? wondeClientForToken(input.token);
  const info = await client.school(input.wondeSchoolId);
  // Schools outside the UK live on a regional API host (unless a client or base URL was chosen for us).
  const regional =
    !input.client && !env.WONDE_BASE_URL && info.region?.domain ? createWondeClient({ baseUrl: baseUrlForDomain(info.region.domain), token: input.token }) : client;
  const scopes = await regional.permissions(input.wondeSchoolId);
  const data = {
    wondeId: input.wondeSchoolId,
    mis: info.mis,
    timezone: info.timezone ?? "Europe/London",
    regionDomain: info.region?.domain ?? null,
    grantedScopes: scopes,
    wondeTokenEnc: encryptSecret(input.token),
  };
  return db.$transaction(async (tx) => {
    const school = input.schoolId ? await tx.school.update({ where: { id: input.schoolId }, data }) : await tx.school.create({ data: { name: info.name, trustId: input.trustId, ...data } });
    await recordActivity({ schoolId: school.id, actor: input.actor ?? { system: "Setup" }, action: "Wonde Connected", subject: { type: "School", id: school.id, label: info.name }, details: { mis: info.mis, scopes: scopes.length } }, tx);
    return school;
  });
}

/** Forgets the token (synced people stay); the school can be connected again later. */
export async function disconnectSchool(db: Db, schoolId: string, actor: Actor) {
  await db.$transaction(async (tx) => {
    const school = await tx.school.update({ where: { id: schoolId }, data: { wondeTokenEnc: null } });
    await recordActivity({ schoolId, actor, action: "Wonde Disconnected", subject: { type: "School", id: schoolId, label: school.name } }, tx);
  });
}

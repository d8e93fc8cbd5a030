// oidc-provider's storage on PostgreSQL: one OidcPayload row per model and id (sessions, grants,
// codes, refresh tokens, interactions…). Clients aren't stored here: they are the apps admins
// register (OidcClient), read through clientMetadata.
import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { clientMetadata } from "./clients";

type Payload = Record<string, unknown> & { grantId?: string; uid?: string; accountId?: string; consumed?: unknown };

export function prismaAdapter(db: Db) {
  return class PrismaOidcAdapter {
    constructor(private readonly model: string) {}

    private key(id: string) {
      return { model_id: { model: this.model, id } };
    }

    async upsert(id: string, payload: Payload, expiresIn?: number) {
      const columns = {
        payload: payload as Prisma.InputJsonValue,
        grantId: payload.grantId ?? null,
        uid: payload.uid ?? null,
        accountId: payload.accountId ?? null,
        expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
      };
      await db.oidcPayload.upsert({ where: this.key(id), create: { model: this.model, id, ...columns }, update: columns });
    }

    async find(id: string): Promise<Payload | undefined> {
      if (this.model === "Client") return (await clientMetadata(db, id)) ?? undefined;
      return this.readable(await db.oidcPayload.findUnique({ where: this.key(id) }));
    }

    async findByUid(uid: string): Promise<Payload | undefined> {
      return this.readable(await db.oidcPayload.findFirst({ where: { model: this.model, uid } }));
    }

    async findByUserCode(): Promise<undefined> {
      return undefined; // The device flow is off.
    }

    async consume(id: string) {
      await db.oidcPayload.updateMany({ where: { model: this.model, id }, data: { consumedAt: new Date() } });
    }

    async destroy(id: string) {
      await db.oidcPayload.deleteMany({ where: { model: this.model, id } });
    }

    async revokeByGrantId(grantId: string) {
      await db.oidcPayload.deleteMany({ where: { grantId } });
    }

    /** Expired rows read as absent (a sweep may not have removed them yet); consumed ones say when. */
    private readable(row: { payload: Prisma.JsonValue; expiresAt: Date | null; consumedAt: Date | null } | null): Payload | undefined {
      if (!row || (row.expiresAt && row.expiresAt <= new Date())) return undefined;
      const payload = row.payload as Payload;
      return row.consumedAt ? { ...payload, consumed: Math.floor(row.consumedAt.getTime() / 1000) } : payload;
    }
  };
}

/** Removes expired records; run on the scheduled jobs' tick. */
export async function sweepExpiredOidcRecords(db: Db, now = new Date()) {
  return (await db.oidcPayload.deleteMany({ where: { expiresAt: { lte: now } } })).count;
}

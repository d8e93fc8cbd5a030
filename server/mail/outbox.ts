import type { Db } from "../db";

/** The newest emails the dev outbox holds, and one of them in full. */
export async function readOutbox(db: Db, selectedId?: string) {
  const emails = await db.outboxEmail.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 50, select: { id: true, to: true, subject: true, createdAt: true } });
  const id = selectedId ?? emails[0]?.id;
  const selected = id ? await db.outboxEmail.findUnique({ where: { id } }) : null;
  return { emails, selected };
}

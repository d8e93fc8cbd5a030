import type PgBoss from "pg-boss";

/** PostgreSQL's "deadlock detected" and "unique violation". */
const RACE_CODES = new Set(["40P01", "23505"]);
const ATTEMPTS = 5;

/**
 * pg-boss's createQueue, safe when several processes start at once (two workers, a worker and
 * the web app): their queue creations can deadlock on pg-boss's queue table, or both insert the
 * same queue, and the loser crashed at start-up. createQueue returns early for a queue that
 * exists, so the loser simply tries again once the winner has committed.
 */
export async function ensureQueue(boss: Pick<PgBoss, "createQueue">, name: string, options?: Omit<PgBoss.Queue, "name">): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await boss.createQueue(name, { ...options, name } as PgBoss.Queue);
      return;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= ATTEMPTS || typeof code !== "string" || !RACE_CODES.has(code)) throw error;
    }
  }
}

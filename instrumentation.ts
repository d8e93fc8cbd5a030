// Runs once when the server starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Validate the environment up front: a missing variable stops start-up with a message naming it.
  const { env } = await import("./server/env");
  // On PostgreSQL every instance works the shared sync queue; the embedded
  // database runs syncs in-process instead.
  if (env.DATABASE_URL) {
    const [{ db }, { startSyncQueue }] = await Promise.all([import("./server/db"), import("./server/sync/queue")]);
    await startSyncQueue(db, env.DATABASE_URL);
  }
}

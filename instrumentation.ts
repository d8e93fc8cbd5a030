// Runs once when the server starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Validate the environment up front: a missing variable stops start-up with a message naming it.
  const { env } = await import("./server/env");
  // On PostgreSQL syncs go through the shared queue, which this instance also
  // works unless SYNC_QUEUE_IN_WEB=false leaves that to `npm run worker`; the
  // embedded database runs syncs in-process instead.
  if (env.DATABASE_URL) {
    const [{ db }, { startSyncQueue }] = await Promise.all([import("./server/db"), import("./server/sync/queue")]);
    await startSyncQueue(db, env.DATABASE_URL, { concurrency: env.SYNC_QUEUE_IN_WEB ? env.SYNC_CONCURRENCY : 0 });
  }
}

// Runs once when the server starts, before it serves anything.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // A missing or unsafe variable stops the server here, with a message naming it, rather
  // than letting it serve 500s (or the embedded database) in production.
  const { loadEnvironmentOrExit } = await import("./server/startup");
  const env = await loadEnvironmentOrExit();
  // On PostgreSQL every instance works the shared sync queue; the embedded
  // database runs syncs in-process instead.
  if (env.DATABASE_URL) {
    const [{ db }, { startSyncQueue }] = await Promise.all([import("./server/db"), import("./server/sync/queue")]);
    await startSyncQueue(db, env.DATABASE_URL);
  }
}

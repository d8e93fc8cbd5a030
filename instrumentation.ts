// Runs once when the server starts, before it serves anything.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // A missing or unsafe variable stops the server here, with a message naming it, rather
  // than letting it serve 500s (or the embedded database) in production.
  const { loadEnvironmentOrExit } = await import("./server/startup");
  const env = await loadEnvironmentOrExit();
  // On PostgreSQL syncs go through the shared queue, which this instance also
  // works unless SYNC_QUEUE_IN_WEB=false leaves that to `npm run worker`; the
  // embedded database runs syncs in-process instead.
  if (env.DATABASE_URL) {
    const [{ db }, { startSyncQueue }, { trustScheduledJobs }, { oidcJobs }, { startWebhookQueue }] = await Promise.all([
      import("./server/db"),
      import("./server/sync/queue"),
      import("./server/trust/schedule"),
      import("./server/oidc/jobs"),
      import("./server/apps/webhooks/queue"),
    ]);
    const oidc = oidcJobs(db);
    await startSyncQueue(db, env.DATABASE_URL, {
      concurrency: env.SYNC_QUEUE_IN_WEB ? env.SYNC_CONCURRENCY : 0,
      scheduledJobs: [...trustScheduledJobs(db), ...oidc.scheduledJobs],
      jobQueues: oidc.jobQueues,
    });
    // Apps' change webhooks go through the same queue, worked by the same processes.
    await startWebhookQueue(db, env.DATABASE_URL, { concurrency: env.SYNC_QUEUE_IN_WEB ? 1 : 0 });
  } else {
    const [{ db }, { startEmbeddedWebhookSweep }] = await Promise.all([import("./server/db"), import("./server/apps/webhooks/queue")]);
    startEmbeddedWebhookSweep(db);
  }
}

// `npm run worker`: works the PostgreSQL sync queue on its own, SYNC_CONCURRENCY
// schools at once, and enqueues the scheduled syncs (and the trusts' hourly token check), and sends apps' webhooks. Run as many as you like
// against one database (with SYNC_QUEUE_IN_WEB=false on the web app, if the web
// instances should only queue). Stops gracefully on SIGTERM/SIGINT: the syncs in
// hand finish first.
import { createDb } from "./db";
import { env } from "./env";
import { startWebhookQueue } from "./apps/webhooks/queue";
import { oidcJobs } from "./oidc/jobs";
import { startSyncQueue } from "./sync/queue";
import { trustScheduledJobs } from "./trust/schedule";

if (!env.DATABASE_URL) {
  console.error("The worker needs DATABASE_URL (PostgreSQL): on the embedded database the web app runs syncs itself.");
  process.exit(2);
}

const db = createDb(env.DATABASE_URL);
// Before taking jobs: Prisma opens its pool and instantiates its query compiler on the first
// query (~0.3 s of CPU on the shared 2-core box), which the first sync would otherwise pay.
const connectedSchools = await db.school.count({ where: { wondeTokenEnc: { not: null } } });
const oidc = oidcJobs(db);
const queue = await startSyncQueue(db, env.DATABASE_URL, {
  concurrency: env.SYNC_CONCURRENCY,
  scheduledJobs: [...trustScheduledJobs(db), ...oidc.scheduledJobs],
  jobQueues: oidc.jobQueues,
  onJobDone: (job, status) => console.log(JSON.stringify({ event: "sync", schoolId: job.schoolId, runId: job.runId, status, pid: process.pid })),
});
// Apps' change webhooks (server/apps/webhooks) are sent by the same workers.
const webhooks = await startWebhookQueue(db, env.DATABASE_URL, { concurrency: 1 });
console.log(JSON.stringify({ event: "ready", concurrency: env.SYNC_CONCURRENCY, connectedSchools, pid: process.pid }));

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await queue.stop();
  await webhooks.stop();
  await db.$disconnect();
  const cpu = process.cpuUsage();
  console.log(JSON.stringify({ event: "stopped", cpuSeconds: (cpu.user + cpu.system) / 1e6, pid: process.pid }));
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());

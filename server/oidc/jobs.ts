// The OpenID Connect provider's queue work: leavers' back-channel logouts, and an hourly sweep of
// expired provider records (codes, sessions, tokens).
import type { Db } from "../db";
import type { JobQueue, ScheduledJob } from "../sync/queue";
import { sweepExpiredOidcRecords } from "./adapter";
import { appLogoutQueue } from "./logout";

export const oidcJobs = (db: Db): { jobQueues: JobQueue[]; scheduledJobs: ScheduledJob[] } => ({
  jobQueues: [appLogoutQueue(db)],
  scheduledJobs: [{ name: "oidc-sweep", cron: "40 * * * *", run: (now) => sweepExpiredOidcRecords(db, now) }],
});

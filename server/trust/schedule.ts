import type { Db } from "../db";
import type { ScheduledJob } from "../sync/queue";
import { checkTrustTokens } from "./connect";

/** Hourly, at :20 (clear of the syncs' busiest minutes), each trust's token is listed and newly approved schools connected. */
export const trustScheduledJobs = (db: Db): ScheduledJob[] => [{ name: "trust-token-check", cron: "20 * * * *", run: (now) => checkTrustTokens(db, now) }];

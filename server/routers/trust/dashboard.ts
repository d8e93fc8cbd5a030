import { z } from "zod";
import { trustDashboard } from "../../trust/dashboard";
import { trustMemberProcedure } from "../../trpc/init";

const syncStatus = z.enum(["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "PAUSED"]);

export const dashboardRowOutput = z.object({
  schoolId: z.string(),
  name: z.string(),
  mis: z.string().nullable(),
  timezone: z.string(),
  connected: z.boolean(),
  lastSync: z
    .object({ status: syncStatus, mode: z.string(), trigger: z.string(), finishedAt: z.date().nullable(), createdAt: z.date(), warnings: z.number().int(), error: z.string().nullable() })
    .nullable(),
  lastSucceededAt: z.date().nullable(),
  nextSyncAt: z.date().nullable(),
  migration: z.object({ status: z.string(), fromMis: z.string().nullable(), toMis: z.string().nullable(), toReview: z.number().int() }).nullable(),
  staff: z.number().int(),
  pupils: z.number().int(),
  openIncidents: z.number().int(),
  incidentsThisTerm: z.number().int(),
  term: z.object({ name: z.string(), from: z.string(), to: z.string() }),
  unmatchedSignIns: z.number().int(),
  attention: z.array(z.enum(["not connected", "never synced", "sync failed", "sync paused", "records skipped", "migration to review", "sign-ins to match"])),
});

/** One row per school of the caller's trust: sync, migration and the schools' own figures. */
export const dashboard = trustMemberProcedure
  .output(z.object({ trustName: z.string(), role: z.enum(["TRUST_ADMIN", "TRUST_VIEWER"]), rows: z.array(dashboardRowOutput) }))
  .query(async ({ ctx }) => ({ ...(await trustDashboard(ctx.db, ctx.trust, ctx.userId)), role: ctx.trust.role }));

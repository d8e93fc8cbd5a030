import { z } from "zod";
import { userActor } from "../../activity/record";
import { applyMigration } from "../../migrations/apply";
import { migrationCandidates, migrationOverview } from "../../migrations/queries";
import { migrationReadiness, planMigration } from "../../migrations/readiness";
import { resolveCandidate, unclaimedRecords } from "../../migrations/review";
import { requestSync } from "../../sync/queue";
import { schoolAdminProcedure } from "../../trpc/init";
import { pageInput } from "../shared";

export const getMigrationProcedure = schoolAdminProcedure.query(({ ctx }) => migrationOverview(ctx.db, ctx.schoolId));

export const listCandidatesProcedure = schoolAdminProcedure
  .input(pageInput.extend({ migrationId: z.string().min(1), outcome: z.enum(["MATCHED", "REVIEW", "NEW", "ARCHIVE"]).optional(), entity: z.enum(["student", "employee"]).optional() }))
  .query(({ ctx, input }) => migrationCandidates(ctx.db, ctx.schoolId, input));

export const resolveCandidateProcedure = schoolAdminProcedure
  .input(z.object({ candidateId: z.string().min(1), resolution: z.string().min(1) }))
  .mutation(async ({ ctx, input }) => {
    await resolveCandidate(ctx.db, ctx.schoolId, input.candidateId, input.resolution, await userActor(ctx.db, ctx.userId));
    return { ok: true };
  });

/** Applies the migration, then a full sync reads everything under the new ids. */
export const applyMigrationProcedure = schoolAdminProcedure.input(z.object({ migrationId: z.string().min(1) })).mutation(async ({ ctx, input }) => {
  const actor = await userActor(ctx.db, ctx.userId);
  const report = await applyMigration(ctx.db, ctx.schoolId, input.migrationId, actor);
  const { runId } = await requestSync(ctx.db, { schoolId: ctx.schoolId, mode: "full", trigger: "MANUAL", actor });
  return { report, runId };
});

export const setAutoApplyProcedure = schoolAdminProcedure.input(z.object({ autoApply: z.boolean() })).mutation(async ({ ctx, input }) => {
  await ctx.db.school.update({ where: { id: ctx.schoolId }, data: { autoApplyMigrations: input.autoApply } });
  return { autoApply: input.autoApply };
});

/** The review item's search box: any unclaimed current record of the same kind. */
export const searchOldRecordsProcedure = schoolAdminProcedure
  .input(z.object({ candidateId: z.string().min(1), search: z.string().trim().min(1).max(100), limit: z.number().int().min(1).max(20).default(8) }))
  .query(({ ctx, input }) => unclaimedRecords(ctx.db, ctx.schoolId, input));

export const readinessProcedure = schoolAdminProcedure.query(({ ctx }) => migrationReadiness(ctx.db, ctx.schoolId));

export const planMigrationProcedure = schoolAdminProcedure
  .input(z.object({ date: z.iso.date().nullable() }))
  .mutation(async ({ ctx, input }) => {
    await planMigration(ctx.db, ctx.schoolId, input.date, await userActor(ctx.db, ctx.userId));
    return { date: input.date };
  });

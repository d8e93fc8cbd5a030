import { z } from "zod";
import { userActor } from "../../activity/record";
import { applyMigration, resolveCandidate } from "../../migrations/apply";
import { migrationCandidates, migrationOverview } from "../../migrations/queries";
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

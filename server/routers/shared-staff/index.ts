import { z } from "zod";
import { userActor } from "../../activity/record";
import { confirmSharedStaff, listSharedStaff, rejectSharedStaff, undoSharedStaff } from "../../trust/shared-staff";
import { router, trustAdminProcedure } from "../../trpc/init";
import { userFacing } from "../../trpc/user-facing";

// The trust's Shared staff page (/trust/shared-staff): only its admins, over their own trust
// (never one named in the input); every person or pair id is checked to be in that trust.

const side = z.object({
  personId: z.string(),
  name: z.string(),
  jobTitle: z.string().nullable(),
  email: z.string().nullable(),
  teacherNumber: z.string().nullable(),
  schoolId: z.string(),
  schoolName: z.string(),
  account: z.string().nullable(),
});
const rule = z.enum(["WORK_EMAIL", "TEACHER_NUMBER"]);
const evidence = z.object({ email: z.string().optional(), teacherNumber: z.string().optional() });

export const sharedStaffListOutput = z.object({
  proposed: z.array(z.object({ a: side, b: side, rules: z.array(rule), evidence, undone: z.boolean() })),
  confirmed: z.array(z.object({ pairId: z.string(), a: side, b: side, rules: z.array(rule), evidence, decidedBy: z.string(), decidedAt: z.date() })),
});

const pairInput = z.object({ personAId: z.string().min(1).max(64), personBId: z.string().min(1).max(64) }).refine((p) => p.personAId !== p.personBId, { message: "Two different people are needed." });

export const sharedStaffRouter = router({
  list: trustAdminProcedure.output(sharedStaffListOutput).query(({ ctx }) => listSharedStaff(ctx.db, ctx.trust.trustId)),
  confirm: trustAdminProcedure
    .input(pairInput)
    .output(z.object({ pairId: z.string(), account: z.string().nullable() }))
    .mutation(({ ctx, input }) => userFacing(async () => confirmSharedStaff(ctx.db, { trustId: ctx.trust.trustId, actor: await userActor(ctx.db, ctx.userId), ...input }))),
  reject: trustAdminProcedure
    .input(pairInput)
    .mutation(({ ctx, input }) => userFacing(async () => rejectSharedStaff(ctx.db, { trustId: ctx.trust.trustId, actor: await userActor(ctx.db, ctx.userId), ...input }))),
  undo: trustAdminProcedure
    .input(z.object({ pairId: z.string().min(1).max(64) }))
    .mutation(({ ctx, input }) => userFacing(async () => undoSharedStaff(ctx.db, { trustId: ctx.trust.trustId, actor: await userActor(ctx.db, ctx.userId), pairId: input.pairId }))),
});

import { pendingSignInEmails } from "../../users/staff-accounts";
import { schoolAdminProcedure } from "../../trpc/init";

/** Sign-in emails (Staffroom's own logins, so shown in Lite mode too) that couldn't follow the MIS because another account already has the new address. */
export const signInEmailsWaiting = schoolAdminProcedure.query(async ({ ctx }) =>
  (await pendingSignInEmails(ctx.db, ctx.schoolId)).filter((c) => c.takenBy).map(({ userId, label, from, to, takenBy }) => ({ userId, label, from, to, takenBy: takenBy! })),
);

import { z } from "zod";
import { schoolSettings } from "../../schools/effective-settings";
import { schoolMemberProcedure } from "../../trpc/init";

export const getSchoolOutput = z.object({
  id: z.string(),
  name: z.string(),
  mis: z.string().nullable(),
  timezone: z.string(),
  wondeConnected: z.boolean(),
  trustName: z.string().nullable(),
  liteMode: z.boolean(),
  /** Lite mode as the school's own choice or its trust's (Staffroom's) default, and that default. */
  liteModeSource: z.object({ source: z.enum(["school", "trust", "staffroom"]), inherited: z.boolean() }),
  role: z.enum(["STAFF", "SCHOOL_ADMIN", "TRUST_ADMIN", "TRUST_VIEWER"]),
});

/** One school the caller belongs to, as the dashboard shows it. */
export const getSchool = schoolMemberProcedure.output(getSchoolOutput).query(async ({ ctx }) => {
  const school = await ctx.db.school.findUniqueOrThrow({
    where: { id: ctx.schoolId },
    select: { id: true, name: true, mis: true, timezone: true, wondeTokenEnc: true, liteMode: true, trust: { select: { name: true } } },
  });
  const { liteMode: lite } = await schoolSettings(ctx.db, ctx.schoolId);
  return {
    id: school.id,
    name: school.name,
    mis: school.mis,
    timezone: school.timezone,
    wondeConnected: school.wondeTokenEnc !== null,
    trustName: school.trust?.name ?? null,
    liteMode: school.liteMode,
    liteModeSource: { source: lite.source, inherited: lite.inherited },
    role: ctx.role,
  };
});

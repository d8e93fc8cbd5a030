import { z } from "zod";
import { schoolMemberProcedure } from "../../trpc/init";

export const getSchoolOutput = z.object({
  id: z.string(),
  name: z.string(),
  mis: z.string().nullable(),
  timezone: z.string(),
  wondeConnected: z.boolean(),
  trustName: z.string().nullable(),
  liteMode: z.boolean(),
  role: z.enum(["STAFF", "SCHOOL_ADMIN", "TRUST_ADMIN", "TRUST_VIEWER"]),
});

/** One school the caller belongs to, as the dashboard shows it. */
export const getSchool = schoolMemberProcedure.output(getSchoolOutput).query(async ({ ctx }) => {
  const school = await ctx.db.school.findUniqueOrThrow({
    where: { id: ctx.schoolId },
    select: { id: true, name: true, mis: true, timezone: true, wondeTokenEnc: true, liteMode: true, trust: { select: { name: true } } },
  });
  return {
    id: school.id,
    name: school.name,
    mis: school.mis,
    timezone: school.timezone,
    wondeConnected: school.wondeTokenEnc !== null,
    trustName: school.trust?.name ?? null,
    liteMode: school.liteMode,
    role: ctx.role,
  };
});

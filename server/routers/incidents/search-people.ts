import { z } from "zod";
import { searchPeople } from "../../incidents/person-search";
import { peopleSchoolIds } from "../../incidents/service";
import { schoolMemberProcedure } from "../../trpc/init";
import { callerOf } from "./caller";

/** The person picker: this school's (or, trust-wide, every school of the trust the caller can open) staff and pupils. */
export const searchPeopleProcedure = schoolMemberProcedure
  .input(z.object({ query: z.string().max(100), kind: z.enum(["PUPIL", "STAFF"]).optional(), scope: z.enum(["school", "trust"]).default("school"), limit: z.number().int().min(1).max(25).default(10) }))
  .query(async ({ ctx, input }) => {
    const schoolIds = input.scope === "trust" ? await peopleSchoolIds(ctx.db, callerOf(ctx)) : [ctx.schoolId];
    return searchPeople(ctx.db, { schoolIds, query: input.query, kind: input.kind, limit: input.limit });
  });

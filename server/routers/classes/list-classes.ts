import { listClasses, listSubjects } from "../../people/list";
import { schoolMemberProcedure } from "../../trpc/init";
import { pageInput } from "../shared";

export const listClassesProcedure = schoolMemberProcedure.input(pageInput).query(({ ctx, input }) => listClasses(ctx.db, ctx.schoolId, input));

export const listSubjectsProcedure = schoolMemberProcedure.input(pageInput).query(({ ctx, input }) => listSubjects(ctx.db, ctx.schoolId, input));

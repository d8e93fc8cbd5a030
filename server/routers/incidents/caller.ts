import type { Role } from "../../generated/prisma/client";
import type { IncidentCaller } from "../../incidents/service";

/** The incident services' view of a school procedure's context. */
export const callerOf = (ctx: { userId: string; schoolId: string; role: Role }): IncidentCaller => ({ userId: ctx.userId, schoolId: ctx.schoolId, role: ctx.role });

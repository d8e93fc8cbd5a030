import { z } from "zod";
import { trustIncidentFilters, trustSchoolFilter } from "../../trust/filters";
import { trustSchools } from "../../trust/scope";
import { trustActivity, trustActivityFacets, trustIncidents, trustPatterns } from "../../trust/views";
import { trustMemberProcedure } from "../../trpc/init";
import { userFacing } from "../../trpc/user-facing";
import { calendarDay } from "@/lib/calendar";
import { INCIDENT_TYPES } from "@/lib/incidents/labels";
import { activityEntryOutput, activityPageInput } from "../activity/list-activity";

const caller = (ctx: { userId: string; trust: Parameters<typeof trustActivity>[1]["trust"] }) => ({ userId: ctx.userId, trust: ctx.trust });

/** The trust's schools, by name: the trust views' school filter and School column. */
export const schools = trustMemberProcedure
  .output(z.array(z.object({ id: z.string(), name: z.string(), timezone: z.string() })))
  .query(({ ctx }) => trustSchools(ctx.db, ctx.trust.trustId));

/** The Activity log across the trust's schools (or one), newest first; `cursor` is the previous page's `nextCursor`. */
export const activity = trustMemberProcedure
  .input(activityPageInput.merge(trustSchoolFilter))
  .output(z.object({ rows: z.array(activityEntryOutput.extend({ schoolId: z.string().nullable() })), nextCursor: z.string().nullable() }))
  .query(({ ctx, input }) => userFacing(() => trustActivity(ctx.db, caller(ctx), input)));

/** The trust Activity log's filter choices. */
export const activityFacets = trustMemberProcedure
  .output(z.object({ actions: z.array(z.string()), actors: z.array(z.string()) }))
  .query(({ ctx }) => trustActivityFacets(ctx.db, caller(ctx)));

/** The incident list across the trust's schools (or one), newest first, with each incident's school. */
export const incidents = trustMemberProcedure
  .input(trustIncidentFilters.extend({ page: z.number().int().min(1).default(1), pageSize: z.number().int().min(5).max(100).default(25) }))
  .query(({ ctx, input }) => userFacing(() => trustIncidents(ctx.db, caller(ctx), input)));

/** Incident patterns across the trust's schools: the school view's charts, and incidents per 100 pupils per school. */
export const patterns = trustMemberProcedure
  .input(trustSchoolFilter.extend({ from: calendarDay, to: calendarDay, type: z.enum(INCIDENT_TYPES).optional() }))
  .query(({ ctx, input }) => userFacing(() => trustPatterns(ctx.db, caller(ctx), input)));

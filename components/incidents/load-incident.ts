import "server-only";
import { cache } from "react";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { currentSchool } from "@/lib/current-school";

/** The incident for a page (cached per request, shared with its metadata); 404 when the caller can't see it. */
export const loadIncident = cache(async (incidentId: string) => {
  const { me, school, api } = await currentSchool();
  if (!school) return { me, school, incident: null };
  try {
    return { me, school, incident: await api.incidents.get({ schoolId: school.schoolId, incidentId }) };
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
});

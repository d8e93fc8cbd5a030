import { auth } from "@/server/auth/config";
import { activityExportResponse } from "@/server/activity/export";
import { db } from "@/server/db";

/** The Activity log as CSV, with the page's filters (see server/activity/export.ts). */
export async function GET(request: Request) {
  const session = await auth();
  return activityExportResponse(db, session?.user?.id ?? null, new URL(request.url));
}

import { auth } from "@/server/auth/config";
import { db } from "@/server/db";
import { trustIncidentsExportResponse } from "@/server/trust/exports";

/** The trust's incidents as CSV, with the page's filters (see server/trust/exports.ts). */
export async function GET(request: Request) {
  const session = await auth();
  return trustIncidentsExportResponse(db, session?.user?.id ?? null, new URL(request.url));
}

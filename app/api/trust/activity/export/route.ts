import { auth } from "@/server/auth/config";
import { db } from "@/server/db";
import { trustActivityExportResponse } from "@/server/trust/exports";

/** The trust's Activity log as CSV, with the page's filters (see server/trust/exports.ts). */
export async function GET(request: Request) {
  const session = await auth();
  return trustActivityExportResponse(db, session?.user?.id ?? null, new URL(request.url));
}

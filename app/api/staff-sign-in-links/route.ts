import { auth } from "@/server/auth/config";
import { db } from "@/server/db";
import { staffSignInCsvResponse } from "@/server/users/staff-sign-in-list";

/** Staff usernames and first-time set-up links as CSV, for admins (server/users/staff-sign-in-list.ts). */
export async function GET(request: Request) {
  const session = await auth();
  return staffSignInCsvResponse(db, session?.user?.id ?? null, new URL(request.url));
}

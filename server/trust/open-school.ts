import { isSchoolPage } from "@/lib/school-page-link";
import type { Db } from "../db";
import { roleAtSchool } from "../schools/access";

/**
 * Where a trust dashboard link goes: one of the school pages (so the link can't send anyone
 * elsewhere), once the caller is known to have access to the school; else null.
 */
export async function schoolPageFor(db: Db, userId: string, url: URL): Promise<{ schoolId: string; path: string } | null> {
  const schoolId = url.searchParams.get("school");
  const to = url.searchParams.get("to") ?? "/";
  if (!schoolId || schoolId.length > 100 || !to.startsWith("/") || to.startsWith("//")) return null;
  const target = new URL(to, "http://staffroom.invalid");
  if (!isSchoolPage(target.pathname)) return null;
  if (!(await roleAtSchool(db, userId, schoolId))) return null;
  return { schoolId, path: `${target.pathname}${target.search}` };
}

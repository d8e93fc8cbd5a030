import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { serverApi } from "@/server/trpc/server";

export const SCHOOL_COOKIE = "staffroom-school";
/** Only a preference: every procedure re-checks access to the school it is given. */
export const SCHOOL_COOKIE_OPTIONS = { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60 * 60 * 24 * 365 } as const;

/** The signed-in user and the school they are looking at (their last choice, else the first). */
export const currentSchool = cache(async () => {
  const api = await serverApi();
  const me = await api.me.get().catch(() => redirect("/sign-in"));
  const chosen = (await cookies()).get(SCHOOL_COOKIE)?.value;
  const school = me.schools.find((s) => s.schoolId === chosen) ?? me.schools[0] ?? null;
  return { me, school, api };
});

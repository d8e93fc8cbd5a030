import { NextResponse } from "next/server";
import { SCHOOL_COOKIE, SCHOOL_COOKIE_OPTIONS } from "@/lib/current-school";
import { auth } from "@/server/auth/config";
import { db } from "@/server/db";
import { schoolPageFor } from "@/server/trust/open-school";

/** A redirect to a path on this site: a relative Location, so the browser keeps the host it used (behind a proxy too). */
const redirectTo = (path: string) => new NextResponse(null, { status: 303, headers: { Location: path } });

/** From the trust dashboard into one school's page: switches the school (as the switcher does), then opens the page. */
export async function GET(request: Request) {
  const userId = (await auth())?.user?.id;
  if (!userId) return redirectTo("/sign-in");
  const page = await schoolPageFor(db, userId, new URL(request.url));
  if (!page) return redirectTo("/trust");
  const response = redirectTo(page.path);
  response.cookies.set(SCHOOL_COOKIE, page.schoolId, SCHOOL_COOKIE_OPTIONS);
  return response;
}

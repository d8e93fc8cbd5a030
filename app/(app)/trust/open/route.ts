import { NextResponse } from "next/server";
import { SCHOOL_COOKIE, SCHOOL_COOKIE_OPTIONS } from "@/lib/current-school";
import { auth } from "@/server/auth/config";
import { db } from "@/server/db";
import { schoolPageFor } from "@/server/trust/open-school";

/** From the trust dashboard into one school's page: switches the school (as the switcher does), then opens the page. */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const userId = (await auth())?.user?.id;
  if (!userId) return NextResponse.redirect(new URL("/sign-in", url));
  const page = await schoolPageFor(db, userId, url);
  if (!page) return NextResponse.redirect(new URL("/trust", url));
  const response = NextResponse.redirect(new URL(page.path, url));
  response.cookies.set(SCHOOL_COOKIE, page.schoolId, SCHOOL_COOKIE_OPTIONS);
  return response;
}

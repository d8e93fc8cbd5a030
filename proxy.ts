import { NextResponse, type NextRequest } from "next/server";
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_S } from "@/lib/pupil-device-cookies";
import { REQUESTED_PATH_HEADER } from "@/server/auth/redirect";
import { contentSecurityPolicy, securityHeaders, servedOverHttps } from "@/server/security-headers";

// Runs before every page and API route: a fresh CSP nonce per request (Next.js stamps it on its
// own scripts), the other security headers, and the requested path for the sign-in return address.
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const https = servedOverHttps(process.env.AUTH_URL, request.nextUrl.protocol);
  const csp = contentSecurityPolicy({
    nonce,
    development: process.env.NODE_ENV === "development",
    https,
    ssoIssuers: [process.env.AUTH_GOOGLE_ISSUER, process.env.AUTH_MICROSOFT_ENTRA_ID_ISSUER],
    pathname: request.nextUrl.pathname,
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const requested = request.nextUrl.clone();
  requested.searchParams.delete("_rsc");
  requestHeaders.set(REQUESTED_PATH_HEADER, `${requested.pathname}${requested.search}`);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(securityHeaders(https, request.nextUrl.pathname))) response.headers.set(name, value);
  // Pupil sign-in is throttled per device too: each browser that opens a sign-in page gets an id.
  if (request.nextUrl.pathname.startsWith("/sign-in") && !request.cookies.has(DEVICE_COOKIE))
    response.cookies.set(DEVICE_COOKIE, crypto.randomUUID(), { httpOnly: true, sameSite: "lax", secure: https, path: "/", maxAge: DEVICE_COOKIE_MAX_AGE_S });
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};

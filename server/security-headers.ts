// Response headers that keep pages from being framed, sniffed or fed scripts from elsewhere.
// Pure functions of the request, so proxy.ts can set them and tests can read them.

const SSO_ORIGINS = ["https://accounts.google.com", "https://login.microsoftonline.com"];

function originOf(url: string | undefined): string[] {
  if (!url) return [];
  try {
    return [new URL(url).origin];
  } catch {
    return [];
  }
}

/** True when the app is served over https (AUTH_URL says so, or the request came in that way). */
export function servedOverHttps(authUrl: string | undefined, requestProtocol: string): boolean {
  return authUrl ? authUrl.startsWith("https:") : requestProtocol === "https:";
}

/**
 * The Content-Security-Policy for one page view. Scripts need this request's nonce (Next.js
 * reads it from this header and stamps its own scripts); 'strict-dynamic' lets those load the
 * chunks they import. Styles allow inline because Radix positions popovers with style
 * attributes and email previews are inline-styled HTML.
 */
export function contentSecurityPolicy(opts: { nonce: string; development: boolean; https: boolean; ssoIssuers: (string | undefined)[]; pathname?: string }): string {
  const formTargets = [...new Set([...SSO_ORIGINS, ...opts.ssoIssuers.flatMap(originOf)])];
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${opts.nonce}' 'strict-dynamic'${opts.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    `connect-src 'self'${opts.development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    // Signing in with Google/Microsoft posts a form that is redirected to the provider.
    // The app sign-out page's form is redirected to the app that asked (its registered address).
    opts.pathname?.startsWith(APP_SIGN_OUT_PATH) ? "form-action 'self' https: http:" : `form-action 'self' ${formTargets.join(" ")}`,
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** The OpenID Connect provider's sign-out (RP-initiated logout) page, server/oidc. */
export const APP_SIGN_OUT_PATH = "/oidc/session/end";

/** The one page that uses the camera: pupils scan their login card's QR badge there. */
export const CAMERA_PAGE = "/sign-in/badge";

/** Headers for every response, pages and API alike. The camera is off except on CAMERA_PAGE. */
export function securityHeaders(https: boolean, pathname = ""): Record<string, string> {
  return {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    // Acknowledgement and reset links carry tokens in the path: never tell another site.
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": `camera=${pathname === CAMERA_PAGE ? "(self)" : "()"}, microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()`,
    ...(https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

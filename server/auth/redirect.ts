// Where the browser may be sent after signing in or out: one helper for every sign-in path
// (the password form, the Google/Microsoft buttons, a signed-out visit's return address) and
// Auth.js's own redirect callback.
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;
// C0 and C1 controls and DEL: browsers drop tabs and newlines while parsing a URL, so
// "/\t/evil.example" would become "//evil.example" (another site).
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// Parsing against an origin we never serve shows whether a string leaves the site.
const PROBE_ORIGIN = "http://staffroom.invalid";
const MAX_LENGTH = 2048;

/** True for a string a browser could read as another site or a scheme, raw or once decoded. */
function looksForeign(path: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return true;
  }
  return [path, decoded].some((p) => !p.startsWith("/") || p.startsWith("//") || p.includes("\\") || CONTROL.test(p));
}

/**
 * A path on this site, as a relative URL ("/staff?tab=x#top"), or "/" for anything else:
 * other hosts, schemes (javascript:, data:), protocol-relative "//host", backslashes
 * (browsers read "/\host" as "//host"), and control characters, in raw or percent-encoded
 * form. An absolute URL is accepted only on `baseUrl`'s origin (Auth.js passes those), and is
 * returned relative, so the browser stays on the host its cookies belong to. (Next.js reports
 * 127.0.0.1 to route handlers as "localhost", so loopback names on one port count as one.)
 */
export function safeRedirect(target: unknown, baseUrl?: string): string {
  if (typeof target !== "string" || target.length === 0 || target.length > MAX_LENGTH) return "/";
  let path = target;
  if (!path.startsWith("/")) {
    if (!baseUrl || CONTROL.test(path)) return "/";
    try {
      const url = new URL(path);
      const base = new URL(baseUrl);
      const sameHost = url.host === base.host || (LOOPBACK.test(url.hostname) && LOOPBACK.test(base.hostname) && url.port === base.port);
      if (!sameHost || url.protocol !== base.protocol || url.username || url.password) return "/";
      path = `${url.pathname}${url.search}${url.hash}`;
    } catch {
      return "/";
    }
  }
  if (looksForeign(path)) return "/";
  const parsed = new URL(path, PROBE_ORIGIN);
  if (parsed.origin !== PROBE_ORIGIN) return "/";
  const relative = `${parsed.pathname}${parsed.search}${parsed.hash}`;
  return looksForeign(relative) ? "/" : relative;
}

/** Request header proxy.ts sets to the path a visit asked for. */
export const REQUESTED_PATH_HEADER = "x-staffroom-path";

/** The sign-in page, with the address a signed-out visit asked for to return to afterwards. */
export function signInPathReturningTo(requested: string | null | undefined): string {
  const path = safeRedirect(requested);
  return path === "/" ? "/sign-in" : `/sign-in?${new URLSearchParams({ callbackUrl: path })}`;
}

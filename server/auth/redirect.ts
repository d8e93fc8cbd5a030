// Where Auth.js may send the browser after signing in or out.
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * Where to send the browser after sign-in: only ever a path on this site, and
 * as a relative URL, so the browser stays on the host its cookies belong to.
 * (Next.js reports 127.0.0.1 to route handlers as "localhost", which would
 * otherwise send a 127.0.0.1 visitor to a host without their session cookie.)
 */
export function sameSitePath(url: string, baseUrl: string): string {
  if (url.startsWith("/") && !url.startsWith("//")) return url;
  try {
    const target = new URL(url);
    const base = new URL(baseUrl);
    const sameHost = target.host === base.host || (LOOPBACK.test(target.hostname) && LOOPBACK.test(base.hostname) && target.port === base.port);
    return sameHost && target.protocol === base.protocol ? `${target.pathname}${target.search}${target.hash}` : "/";
  } catch {
    return "/";
  }
}

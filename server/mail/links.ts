import { env } from "../env";

/**
 * An absolute link into the app for emails. Built from configuration, never
 * from the request's Host header (which an attacker could set to their own
 * site to harvest reset tokens). In development without APP_URL: the origin
 * this server listens on.
 */
export function appLink(path: string): string {
  const base = env.APP_URL ?? env.AUTH_URL ?? (env.NODE_ENV === "production" ? null : listeningOrigin());
  if (!base) throw new Error("Set APP_URL to the app's public address (e.g. https://staffroom.example.org) so emails can link to it.");
  return new URL(path, base).toString();
}

/**
 * Next's server sets PORT (and its private __NEXT_PRIVATE_ORIGIN) to where it actually listens,
 * after `-p`, PORT or "3000 is in use, using 3001": read at send time, not at start-up.
 */
function listeningOrigin(): string {
  return process.env.__NEXT_PRIVATE_ORIGIN || `http://localhost:${process.env.PORT || 3000}`;
}

/** "1 hour", "7 days": how long a link works, for the email's wording. */
export function describeDuration(ms: number): string {
  const hours = Math.round(ms / 3_600_000);
  if (hours < 24) return hours === 1 ? "1 hour" : `${hours} hours`;
  const days = Math.round(hours / 24);
  return days === 1 ? "1 day" : `${days} days`;
}

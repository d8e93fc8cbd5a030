import { env } from "../env";

/**
 * An absolute link into the app for emails. Built from configuration, never
 * from the request's Host header (which an attacker could set to their own
 * site to harvest reset tokens).
 */
export function appLink(path: string): string {
  const base = env.APP_URL ?? env.AUTH_URL ?? (env.NODE_ENV === "production" ? null : "http://localhost:3000");
  if (!base) throw new Error("Set APP_URL to the app's public address (e.g. https://staffroom.example.org) so emails can link to it.");
  return new URL(path, base).toString();
}

/** "1 hour", "7 days": how long a link works, for the email's wording. */
export function describeDuration(ms: number): string {
  const hours = Math.round(ms / 3_600_000);
  if (hours < 24) return hours === 1 ? "1 hour" : `${hours} hours`;
  const days = Math.round(hours / 24);
  return days === 1 ? "1 day" : `${days} days`;
}

import Link from "next/link";
import { CalendarClock } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { formatCalendarDate } from "@/lib/format";
import { isoDateInZone, plural } from "./migration-text";

/** After the planned day, Staffroom keeps watching this long (the scheduled sync's watch window). */
const WATCH_DAYS = 14;

/** Whole days from today (in the school's timezone) to the planned day; negative once it has passed. */
export function daysUntil(plannedOn: Date, timezone: string, now = new Date()) {
  const today = Date.parse(`${isoDateInZone(now, timezone)}T00:00:00Z`);
  return Math.round((plannedOn.getTime() - today) / 86_400_000);
}

/** The admins' countdown to the school's planned MIS migration, and what Staffroom does on the day. */
export function PlannedMigrationBanner({ plannedOn, timezone, showLink = true }: { plannedOn: Date | null; timezone: string; showLink?: boolean }) {
  if (!plannedOn) return null;
  const days = daysUntil(plannedOn, timezone);
  if (days < -WATCH_DAYS) return null;
  const when = formatCalendarDate(plannedOn);
  const title =
    days > 0 ? `MIS migration in ${plural(days, "day", "days")} (${when})` : days === 0 ? `MIS migration planned for today (${when})` : `MIS migration was planned for ${when}`;
  return (
    <Alert role="status" className="mb-6" aria-label="Planned MIS migration">
      <CalendarClock aria-hidden />
      <AlertTitle className="line-clamp-none">{title}</AlertTitle>
      <AlertDescription>
        <p>
          {days > 0
            ? "Tell Wonde the date (support@wonde.com) if you haven't yet, and fix the readiness list on the Migration page before the day."
            : "Staffroom is watching for the migration: it checks every hour and pauses syncing as soon as it sees the new MIS, so you can review who is who."}
        </p>
        {showLink && (
          <Link href="/migration" className="font-medium underline underline-offset-4">
            Migration readiness
          </Link>
        )}
      </AlertDescription>
    </Alert>
  );
}

import Link from "next/link";
import { cn } from "@/lib/utils";

const TABS = [
  { href: "/trust", label: "Schools", admin: false },
  { href: "/trust/incidents", label: "Incidents", admin: false },
  { href: "/trust/patterns", label: "Patterns", admin: false },
  { href: "/trust/activity", label: "Activity", admin: false },
  { href: "/trust/settings", label: "Trust settings", admin: true },
] as const;

export type TrustTab = (typeof TABS)[number]["href"];

/** The trust area's tabs (settings are the trust admins'); they scroll sideways on a phone rather than widen the page. */
export function TrustNav({ current, isAdmin }: { current: TrustTab; isAdmin: boolean }) {
  return (
    <nav aria-label="Trust" className="mb-6 max-w-full overflow-x-auto">
      <div className="inline-flex rounded-lg bg-muted p-1">
        {TABS.filter((t) => isAdmin || !t.admin).map((t) => (
          <Link
            key={t.href}
            href={t.href}
            aria-current={t.href === current ? "page" : undefined}
            className={cn("rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap text-muted-foreground", t.href === current && "bg-background text-foreground shadow-sm")}
          >
            {t.label}
          </Link>
        ))}
      </div>
    </nav>
  );
}

import Link from "next/link";
import { cn } from "@/lib/utils";

const TABS = [
  { href: "/incidents", label: "Book", admin: false },
  { href: "/incidents/patterns", label: "Patterns", admin: true },
  { href: "/incidents/settings", label: "Incident settings", admin: true },
] as const;

/** The incident area's tabs (Patterns and settings are for administrators). */
export function IncidentsNav({ current, isAdmin }: { current: (typeof TABS)[number]["href"]; isAdmin: boolean }) {
  const tabs = TABS.filter((t) => isAdmin || !t.admin);
  if (tabs.length < 2) return null;
  return (
    <nav aria-label="Incident book" className="mb-6 inline-flex rounded-lg bg-muted p-1">
      {tabs.map((t) => (
        <Link
          key={t.href}
          href={t.href}
          aria-current={t.href === current ? "page" : undefined}
          className={cn("rounded-md px-3 py-1.5 text-sm font-medium text-muted-foreground", t.href === current && "bg-background text-foreground shadow-sm")}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}

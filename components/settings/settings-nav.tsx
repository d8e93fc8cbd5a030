"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

/** The Settings sections; add a section here and it appears on every settings page that shows this. */
export const SETTINGS_SECTIONS = [
  { href: "/settings", label: "Wonde connection" },
  { href: "/settings/users", label: "Users and roles" },
  { href: "/settings/pupil-sign-in", label: "Pupil sign-in" },
  { href: "/settings/sign-in", label: "Staff sign-in" },
  { href: "/settings/apps", label: "Apps" },
] as const;

export function SettingsNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings sections" className="mb-6 border-b">
      <ul className="-mb-px flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {SETTINGS_SECTIONS.map((section) => {
          const current = pathname === section.href;
          return (
            <li key={section.href}>
              <Link
                href={section.href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "inline-block border-b-2 px-1 pb-2 font-medium transition-colors",
                  current ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
                )}
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

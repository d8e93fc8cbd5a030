import { Activity, AppWindow, ArrowRightLeft, BookOpen, Building2, ClipboardList, GraduationCap, KeyRound, LayoutDashboard, Link2, Presentation, Settings, Users, UsersRound } from "lucide-react";

/** The signed-in areas, in sidebar order. */
export const NAV_ITEMS = [
  { href: "/", label: "Dashboard", icon: LayoutDashboard },
  { href: "/launcher", label: "My apps", icon: AppWindow },
  { href: "/staff", label: "Staff", icon: Users },
  { href: "/pupils", label: "Pupils", icon: GraduationCap },
  { href: "/classes", label: "Classes", icon: Presentation },
  { href: "/settings/pupil-sign-in", label: "Pupil sign-in", icon: KeyRound },
  { href: "/subjects", label: "Subjects", icon: BookOpen },
  { href: "/incidents", label: "Incidents", icon: ClipboardList },
  { href: "/matching", label: "User matching", icon: Link2 },
  { href: "/migration", label: "Migration", icon: ArrowRightLeft },
  { href: "/activity", label: "Activity", icon: Activity },
  { href: "/settings", label: "Settings", icon: Settings },
] as const;

/** For trust admins and viewers, after Dashboard: every school of the trust. */
export const TRUST_NAV_ITEM = { href: "/trust", label: "Trust", icon: Building2 } as const;

/** For trust admins, after Trust: staff who work in several schools of the trust. */
export const SHARED_STAFF_NAV_ITEM = { href: "/trust/shared-staff", label: "Shared staff", icon: UsersRound } as const;

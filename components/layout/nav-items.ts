import { Activity, ClipboardList, GraduationCap, LayoutDashboard, Link2, Settings, Users } from "lucide-react";

/** The signed-in areas, in sidebar order. */
export const NAV_ITEMS = [
  { href: "/", label: "Dashboard", icon: LayoutDashboard },
  { href: "/staff", label: "Staff", icon: Users },
  { href: "/pupils", label: "Pupils", icon: GraduationCap },
  { href: "/incidents", label: "Incidents", icon: ClipboardList },
  { href: "/matching", label: "User matching", icon: Link2 },
  { href: "/activity", label: "Activity", icon: Activity },
  { href: "/settings", label: "Settings", icon: Settings },
] as const;

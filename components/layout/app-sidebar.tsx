"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { School } from "lucide-react";
import {
  Sidebar,
  SidebarContent,
  SidebarFooter,
  SidebarGroup,
  SidebarGroupContent,
  SidebarHeader,
  SidebarMenu,
  SidebarMenuButton,
  SidebarMenuItem,
  SidebarRail,
} from "@/components/ui/sidebar";
import { NAV_ITEMS, SHARED_STAFF_NAV_ITEM, TRUST_NAV_ITEM } from "./nav-items";
import { SchoolSwitcher } from "./school-switcher";
import { UserMenu } from "./user-menu";

export function AppSidebar({
  currentSchoolId,
  hiddenHrefs = [],
  trustNav = false,
  sharedStaffNav = false,
}: {
  currentSchoolId: string | null;
  hiddenHrefs?: string[];
  trustNav?: boolean;
  sharedStaffNav?: boolean;
}) {
  const pathname = usePathname();
  const [dashboard, ...rest] = NAV_ITEMS;
  const trustItems = trustNav ? [TRUST_NAV_ITEM, ...(sharedStaffNav ? [SHARED_STAFF_NAV_ITEM] : [])] : [];
  const items = [dashboard, ...trustItems, ...rest];
  // The longest matching href is the current page (/trust/shared-staff, not /trust as well).
  const current = items.map((item) => item.href).filter((href) => (href === "/" ? pathname === "/" : pathname.startsWith(href))).sort((a, b) => b.length - a.length)[0];
  const isActive = (href: string) => href === current;
  return (
    <Sidebar collapsible="icon">
      <SidebarHeader>
        <div className="flex items-center gap-2 px-2 py-1.5 font-semibold">
          <School className="size-5" aria-hidden />
          <span className="group-data-[collapsible=icon]:hidden">Staffroom</span>
        </div>
        <SchoolSwitcher currentSchoolId={currentSchoolId} />
      </SidebarHeader>
      <SidebarContent>
        <SidebarGroup>
          <SidebarGroupContent>
            <nav aria-label="Main navigation">
            <SidebarMenu>
              {items.filter((item) => !hiddenHrefs.includes(item.href)).map((item) => (
                <SidebarMenuItem key={item.href}>
                  <SidebarMenuButton asChild isActive={isActive(item.href)} tooltip={item.label}>
                    <Link href={item.href}>
                      <item.icon aria-hidden />
                      <span>{item.label}</span>
                    </Link>
                  </SidebarMenuButton>
                </SidebarMenuItem>
              ))}
            </SidebarMenu>
            </nav>
          </SidebarGroupContent>
        </SidebarGroup>
      </SidebarContent>
      <SidebarFooter>
        <UserMenu />
      </SidebarFooter>
      <SidebarRail />
    </Sidebar>
  );
}

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
import { NAV_ITEMS, TRUST_NAV_ITEM } from "./nav-items";
import { SchoolSwitcher } from "./school-switcher";
import { UserMenu } from "./user-menu";

export function AppSidebar({ currentSchoolId, hiddenHrefs = [], trustNav = false }: { currentSchoolId: string | null; hiddenHrefs?: string[]; trustNav?: boolean }) {
  const pathname = usePathname();
  const [dashboard, ...rest] = NAV_ITEMS;
  const items = trustNav ? [dashboard, TRUST_NAV_ITEM, ...rest] : NAV_ITEMS;
  const isActive = (href: string) => (href === "/" ? pathname === "/" : pathname.startsWith(href));
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

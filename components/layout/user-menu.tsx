"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { ChevronsUpDown, Inbox, LogOut, Monitor, MonitorSmartphone, Moon, Sun } from "lucide-react";
import { useTheme } from "next-themes";
import { signOutAction } from "@/app/(app)/actions";
import { Avatar, AvatarFallback } from "@/components/ui/avatar";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { SidebarMenu, SidebarMenuButton, SidebarMenuItem } from "@/components/ui/sidebar";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc";

function initialsOf(name: string) {
  return name
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join("");
}

export function UserMenu() {
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions());
  const sessions = useQuery(trpc.me.sessions.queryOptions());
  const signOutEverywhere = useMutation(trpc.me.signOutEverywhere.mutationOptions({ onSuccess: () => void signOutAction() }));
  const { theme, setTheme } = useTheme();
  const user = me.data?.user;
  const label = user?.name ?? user?.email ?? "Account";
  return (
    <SidebarMenu>
      <SidebarMenuItem>
        {/* Not modal: a modal menu hides the rest of the page from screen readers while its links stay focusable. */}
        <DropdownMenu modal={false}>
          <DropdownMenuTrigger asChild>
            <SidebarMenuButton size="lg" aria-label="Account menu">
              <Avatar className="size-8 rounded-lg">
                <AvatarFallback className="rounded-lg">{initialsOf(label)}</AvatarFallback>
              </Avatar>
              <span className="grid flex-1 text-left text-sm leading-tight">
                <span className="truncate font-medium">{label}</span>
                {user?.name && <span className="truncate text-xs text-muted-foreground">{user.email}</span>}
              </span>
              <ChevronsUpDown className="ml-auto size-4" aria-hidden />
            </SidebarMenuButton>
          </DropdownMenuTrigger>
          <DropdownMenuContent side="top" align="start" className="w-56">
            <DropdownMenuLabel>Appearance</DropdownMenuLabel>
            <DropdownMenuRadioGroup value={theme ?? "system"} onValueChange={setTheme}>
              <DropdownMenuRadioItem value="light">
                <Sun aria-hidden /> Light
              </DropdownMenuRadioItem>
              <DropdownMenuRadioItem value="dark">
                <Moon aria-hidden /> Dark
              </DropdownMenuRadioItem>
              <DropdownMenuRadioItem value="system">
                <Monitor aria-hidden /> System
              </DropdownMenuRadioItem>
            </DropdownMenuRadioGroup>
            <DropdownMenuSeparator />
            {sessions.data?.signedInAt && (
              <DropdownMenuLabel className="text-xs font-normal text-muted-foreground">
                Signed in on {formatDateTime(new Date(sessions.data.signedInAt))}
                {sessions.data.active > 1 && ` · ${sessions.data.active - 1} other device${sessions.data.active === 2 ? "" : "s"}`}
              </DropdownMenuLabel>
            )}
            {/* Development only: the emails the app would have sent (reset and invite links). */}
            {process.env.NODE_ENV === "development" && (
              <>
                <DropdownMenuItem asChild>
                  <Link href="/dev/outbox">
                    <Inbox aria-hidden /> Dev outbox
                  </Link>
                </DropdownMenuItem>
                <DropdownMenuSeparator />
              </>
            )}
            <DropdownMenuItem onSelect={() => void signOutAction()}>
              <LogOut aria-hidden /> Sign out
            </DropdownMenuItem>
            <DropdownMenuItem disabled={signOutEverywhere.isPending} onSelect={() => signOutEverywhere.mutate()}>
              <MonitorSmartphone aria-hidden /> Sign out everywhere
            </DropdownMenuItem>
          </DropdownMenuContent>
        </DropdownMenu>
      </SidebarMenuItem>
    </SidebarMenu>
  );
}

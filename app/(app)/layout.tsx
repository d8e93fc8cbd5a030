import type { ReactNode } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AppSidebar } from "@/components/layout/app-sidebar";
import { AppProviders } from "@/components/providers/app-providers";
import { Toaster } from "@/components/ui/sonner";
import { SkipLink } from "@/components/layout/skip-link";
import { ReadOnlyProvider } from "@/components/layout/read-only";
import { Separator } from "@/components/ui/separator";
import { SidebarInset, SidebarProvider, SidebarTrigger } from "@/components/ui/sidebar";
import { auth } from "@/server/auth/config";
import { REQUESTED_PATH_HEADER, signInPathReturningTo } from "@/server/auth/redirect";
import { currentSchool } from "@/lib/current-school";
import { isPupil, LAUNCHER_PATH } from "@/server/accounts/pupil-role";
import { db } from "@/server/db";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const user = (await auth())?.user;
  const requested = (await headers()).get(REQUESTED_PATH_HEADER);
  if (!user?.id) redirect(signInPathReturningTo(requested));
  // Pupils have their launcher and nothing else.
  if (!requested?.startsWith(LAUNCHER_PATH) && (await isPupil(db, user.id))) redirect(LAUNCHER_PATH);
  const { school, api } = await currentSchool();
  // Staffroom Lite has no User Matching: its page leaves the navigation.
  const liteMode = school ? (await api.schools.get({ schoolId: school.schoolId })).liteMode : false;
  const trust = await api.trust.get();
  const shell = (
    <SidebarProvider>
      <SkipLink />
      <AppSidebar currentSchoolId={school?.schoolId ?? null} hiddenHrefs={liteMode ? ["/matching"] : []} trustNav={trust !== null} sharedStaffNav={trust?.role === "TRUST_ADMIN"} />
      {/* min-w-0: wide tables scroll inside their container instead of widening the page. */}
      <SidebarInset className="min-w-0">
        <header className="flex h-14 items-center gap-2 border-b px-4">
          <SidebarTrigger aria-label="Toggle sidebar" />
          <Separator orientation="vertical" className="h-4" />
          <span className="text-sm text-muted-foreground">{school?.schoolName ?? "No school"}</span>
        </header>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 p-4 outline-none md:p-8">
          <ReadOnlyProvider readOnly={school?.role === "TRUST_VIEWER"}>{children}</ReadOnlyProvider>
        </main>
      </SidebarInset>
    </SidebarProvider>
  );
  // The tRPC/Query providers and the toaster live here, not in the root layout: signed-out pages don't load them.
  return (
    <AppProviders>
      {shell}
      <Toaster richColors closeButton />
    </AppProviders>
  );
}

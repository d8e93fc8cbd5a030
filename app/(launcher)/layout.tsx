import type { ReactNode } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AppProviders } from "@/components/providers/app-providers";
import { SkipLink } from "@/components/layout/skip-link";
import { auth } from "@/server/auth/config";
import { REQUESTED_PATH_HEADER, signInPathReturningTo } from "@/server/auth/redirect";

/**
 * The launcher's own shell, outside the staff sidebar: pupils see this and nothing else, so it
 * carries no staff navigation (staff get a link back to Staffroom on the page itself). Its client
 * parts (saved passwords on tiles) talk to tRPC.
 */
export default async function LauncherLayout({ children }: { children: ReactNode }) {
  if (!(await auth())?.user) redirect(signInPathReturningTo((await headers()).get(REQUESTED_PATH_HEADER)));
  return (
    <AppProviders>
      <SkipLink />
      {children}
    </AppProviders>
  );
}

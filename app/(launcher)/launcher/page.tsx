import Link from "next/link";
import { AppWindow, LogOut } from "lucide-react";
import { signOutAction } from "@/app/(app)/actions";
import { SavedLoginButton } from "@/components/apps/saved-login";
import { TileIcon } from "@/components/apps/tile-icon";
import { EmptyState } from "@/components/layout/empty-state";
import { Button } from "@/components/ui/button";
import { serverApi } from "@/server/trpc/server";

export const metadata = { title: "My apps" };

/** "My apps": every signed-in user's tiles at their school, most used first. */
export default async function LauncherPage({ searchParams }: { searchParams: Promise<{ school?: string }> }) {
  const { school: asked } = await searchParams;
  const { schools, school, tiles } = await (await serverApi()).apps.launcher({ schoolId: asked });
  const isPupil = school?.role === "PUPIL";
  return (
    <div className="mx-auto flex min-h-svh w-full max-w-5xl flex-col gap-6 p-4 md:p-8">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight">My apps</h1>
          {school && <p className="truncate text-sm text-muted-foreground">{school.schoolName}</p>}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {!isPupil && school && (
            <Button asChild variant="outline">
              <Link href="/">Back to Staffroom</Link>
            </Button>
          )}
          <form action={signOutAction}>
            <Button type="submit" variant="outline">
              <LogOut aria-hidden /> Sign out
            </Button>
          </form>
        </div>
      </header>
      {schools.length > 1 && (
        <nav aria-label="Schools" className="flex flex-wrap gap-2 text-sm">
          {schools.map((s) => (
            <Link
              key={s.schoolId}
              href={`/launcher?${new URLSearchParams({ school: s.schoolId })}`}
              aria-current={s.schoolId === school?.schoolId ? "page" : undefined}
              className="rounded-full border px-3 py-1 aria-[current=page]:border-primary aria-[current=page]:bg-primary/10"
            >
              {s.schoolName}
            </Link>
          ))}
        </nav>
      )}
      <main id="main" tabIndex={-1} className="outline-none">
        {tiles.length === 0 ? (
          <EmptyState icon={AppWindow} title="No apps yet">
            {isPupil ? "Your teacher hasn't added any apps for you yet." : "Your school's Staffroom administrators can add apps in Settings → Apps."}
          </EmptyState>
        ) : (
          <ul aria-label="Apps" className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
            {tiles.map((tile) => (
              <li key={tile.id} className="relative">
                {/* A plain link to the launch route: it counts the launch, then redirects. */}
                <a
                  href={tile.href}
                  className="flex h-full flex-col items-center gap-3 rounded-xl border bg-card p-4 text-center shadow-sm transition-colors hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
                >
                  <TileIcon tile={tile} />
                  <span className="font-medium break-words">{tile.name}</span>
                </a>
                {/* Apps without single sign-on: the user's own saved username and password. */}
                {tile.kind === "app" && school && <SavedLoginButton schoolId={school.schoolId} appId={tile.id} appName={tile.name} pupil={isPupil} />}
              </li>
            ))}
          </ul>
        )}
      </main>
    </div>
  );
}

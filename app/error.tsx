"use client";
import { RotateCcw } from "lucide-react";
import { Brand } from "@/components/layout/brand";

// Plain elements, not <Button>/<Link>: the root error boundary ships with every signed-out page,
// the sign-in page included, whose JavaScript budget is 150 KiB gzipped.
const BUTTON =
  "inline-flex h-10 items-center justify-center gap-2 rounded-md px-6 text-sm font-medium whitespace-nowrap transition-colors outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50 [&_svg]:size-4";

/** A page that failed outside the signed-in shell (sign-in, the parents' page): try again, or go back. */
export default function RootError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="flex min-h-screen items-center justify-center bg-muted/40 p-4">
      <div className="grid w-full max-w-md gap-6 rounded-xl border bg-card p-6 text-center shadow-sm sm:p-8">
        <Brand />
        <div className="grid gap-2">
          <h1 className="text-2xl font-semibold tracking-tight">Something went wrong</h1>
          <p className="text-sm text-muted-foreground">
            Staffroom couldn&apos;t show this page. Try again; if it keeps happening, tell your school&apos;s Staffroom administrator
            {error.digest ? <> and quote the reference {error.digest}</> : null}.
          </p>
        </div>
        <div className="flex flex-col gap-2 sm:flex-row sm:justify-center">
          <button type="button" className={`${BUTTON} bg-primary text-primary-foreground hover:bg-primary/90`} onClick={reset}>
            <RotateCcw aria-hidden /> Try again
          </button>
          {/* A full page load: after an error, start from a fresh page rather than the broken client state. */}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- deliberately not the client router (see above) */}
          <a href="/" className={`${BUTTON} border bg-background shadow-xs hover:bg-accent hover:text-accent-foreground dark:border-input dark:bg-input/30 dark:hover:bg-input/50`}>
            Go to the dashboard
          </a>
        </div>
      </div>
    </main>
  );
}

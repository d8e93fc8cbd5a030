"use client";
import { RotateCcw } from "lucide-react";
import { StandaloneMessage } from "@/components/layout/standalone-message";

// Plain elements, not <Button>/<Link>: the root error boundary ships with every signed-out page,
// the sign-in page included, whose JavaScript budget is 150 KiB gzipped.
const BUTTON =
  "inline-flex h-10 items-center justify-center gap-2 rounded-md px-6 text-sm font-medium whitespace-nowrap transition-colors outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50 [&_svg]:size-4";

/** A page that failed outside the signed-in shell (sign-in, the parents' page): try again, or go back. */
export default function RootError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <StandaloneMessage
      title="Something went wrong"
      actions={
        <>
          <button type="button" className={`${BUTTON} bg-primary text-primary-foreground hover:bg-primary/90`} onClick={reset}>
            <RotateCcw aria-hidden /> Try again
          </button>
          {/* A full page load: after an error, start from a fresh page rather than the broken client state. */}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- deliberately not the client router (see above) */}
          <a href="/" className={`${BUTTON} border bg-background shadow-xs hover:bg-accent hover:text-accent-foreground dark:border-input dark:bg-input/30 dark:hover:bg-input/50`}>
            Go to the dashboard
          </a>
        </>
      }
    >
      Staffroom couldn&apos;t show this page. Try again; if it keeps happening, tell your school&apos;s Staffroom administrator
      {error.digest ? <> and quote the reference {error.digest}</> : null}.
    </StandaloneMessage>
  );
}

"use client";
import Link from "next/link";
import { RotateCcw } from "lucide-react";
import { Brand } from "@/components/layout/brand";
import { Button } from "@/components/ui/button";

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
          <Button size="lg" onClick={reset}>
            <RotateCcw aria-hidden /> Try again
          </Button>
          <Button asChild size="lg" variant="outline">
            <Link href="/">Go to the dashboard</Link>
          </Button>
        </div>
      </div>
    </main>
  );
}

"use client";
import Link from "next/link";
import { AlertTriangle, RotateCcw } from "lucide-react";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";

/** A signed-in page that failed: the shell and navigation stay, with Try again and a way back. */
export default function SignedInError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <PageHeader title="Something went wrong" />
      <EmptyState
        icon={AlertTriangle}
        title="This page couldn't be shown"
        action={
          <div className="flex flex-col gap-2 sm:flex-row">
            <Button onClick={reset}>
              <RotateCcw aria-hidden /> Try again
            </Button>
            <Button asChild variant="outline">
              <Link href="/">Go to the dashboard</Link>
            </Button>
          </div>
        }
      >
        Nothing you saved has been lost. Try again; if it keeps happening, tell your school&apos;s Staffroom administrator
        {error.digest ? <> and quote the reference {error.digest}</> : null}.
      </EmptyState>
    </>
  );
}

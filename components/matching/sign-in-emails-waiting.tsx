"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { MailWarning } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { useTRPC } from "@/lib/trpc";

/**
 * Review for sign-in emails: the MIS gave someone a work email that another account already
 * signs in with, so Staffroom left their sign-in alone. Nothing shows when there are none.
 */
export function SignInEmailsWaiting({ schoolId }: { schoolId: string }) {
  const trpc = useTRPC();
  const waiting = useQuery(trpc.matching.signInEmailsWaiting.queryOptions({ schoolId }));
  if (!waiting.data?.length) return null;
  return (
    <Alert className="mb-6 border-amber-500/50 bg-amber-50 dark:bg-amber-950/40">
      <MailWarning aria-hidden />
      <AlertTitle className="line-clamp-none">Sign-in emails waiting for you ({waiting.data.length})</AlertTitle>
      <AlertDescription>
        <p>The MIS gives these staff a new work email that another Staffroom account already uses, so their sign-in stays on the old address for now.</p>
        <ul className="my-1 grid gap-1" aria-label="Sign-in emails waiting">
          {waiting.data.map((w) => (
            <li key={w.userId} className="break-all">
              <span className="font-medium">{w.label}</span>: {w.from} → {w.to}
            </li>
          ))}
        </ul>
        <p>
          Change or remove the other account&apos;s email on the{" "}
          <Link href="/settings/users" className="underline underline-offset-4">
            Users page
          </Link>
          ; the next sync then moves the sign-in over and tells them.
        </p>
      </AlertDescription>
    </Alert>
  );
}

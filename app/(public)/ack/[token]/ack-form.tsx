"use client";
import { useActionState } from "react";
import { CheckCircle2, Loader2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/lib/format";
import { acknowledgeAction, type AckState } from "./actions";

export function AckForm({ token, schoolName }: { token: string; schoolName: string }) {
  const [result, submit, pending] = useActionState<AckState, FormData>((previous) => acknowledgeAction(token, previous), { state: "idle" });
  if (result.state === "acknowledged" || result.state === "already")
    return (
      <div role="status" className="grid justify-items-center gap-3 text-center">
        <CheckCircle2 className="size-10 text-green-600" aria-hidden />
        <h2 className="text-lg font-semibold">{result.state === "acknowledged" ? "Thank you" : "Already confirmed"}</h2>
        <p className="text-sm text-muted-foreground">
          {schoolName} can see that you read their email{result.state === "already" ? ` (confirmed ${formatDateTime(result.acknowledgedAt)})` : ""}. You can close this page.
        </p>
      </div>
    );
  if (result.state === "invalid") return <p role="alert">This link doesn&apos;t work. If you need to reach the school, reply to their email.</p>;
  return (
    <form action={submit} className="grid justify-items-center gap-3">
      {/* A whole-width, 48 px button on a phone: the one thing a parent does here. */}
      <Button type="submit" size="lg" className="h-12 w-full text-base sm:w-auto" disabled={pending}>
        {pending && <Loader2 className="animate-spin" aria-hidden />}I have read this
      </Button>
    </form>
  );
}

"use client";
import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { AlertCircle, Loader2 } from "lucide-react";
import { toast } from "sonner";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { useHydrated } from "@/hooks/use-hydrated";
import { formatDateTime } from "@/lib/format";
import type { RouterOutputs } from "@/lib/router-types";
import { useTRPC } from "@/lib/trpc";
import { trustTokenInput } from "@/server/routers/trust/token-school";

type TokenSchool = RouterOutputs["trust"]["previewToken"][number];
type Outcome = RouterOutputs["trust"]["connect"][number];

const ACCESS: Record<TokenSchool["access"], { label: string; variant: "secondary" | "outline" | "destructive" }> = {
  approved: { label: "Approved", variant: "secondary" },
  pending: { label: "Pending approval", variant: "outline" },
  revoked: { label: "Access revoked", variant: "destructive" },
};
const RESULT: Record<Outcome["result"], string> = { connected: "Connected, first sync queued", "already connected": "Already connected", skipped: "Not connected", failed: "Failed" };

/** The schools a token sees: each with Wonde's answer and what happens, or what to do. */
function TokenSchoolList({ schools, label }: { schools: (TokenSchool | Outcome)[]; label: string }) {
  if (schools.length === 0) return <p className="text-sm text-muted-foreground">This token can&apos;t see any school yet.</p>;
  return (
    <ul className="grid gap-3" aria-label={label}>
      {schools.map((school) => (
        <li key={school.wondeId} className="grid gap-1 rounded-lg border p-3 text-sm">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium [overflow-wrap:anywhere]">{school.name}</span>
            <Badge variant={ACCESS[school.access].variant}>{ACCESS[school.access].label}</Badge>
            {school.mis && <span className="text-muted-foreground">{school.mis}</span>}
            {"result" in school && <Badge variant={school.result === "failed" ? "destructive" : "outline"}>{RESULT[school.result]}</Badge>}
          </div>
          <p className="text-muted-foreground">{"error" in school && school.error ? school.error : school.advice}</p>
        </li>
      ))}
    </ul>
  );
}

/** A trust admin pastes the trust's Wonde token, sees every school it can see, and connects the approved ones at once. */
export function TrustConnect() {
  const hydrated = useHydrated();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [token, setToken] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const stored = useQuery(trpc.trust.tokenSchools.queryOptions());
  const preview = useMutation(trpc.trust.previewToken.mutationOptions());
  const connect = useMutation(
    trpc.trust.connect.mutationOptions({
      onSuccess: async (outcomes) => {
        const connected = outcomes.filter((o) => o.result === "connected").length;
        toast.success(connected ? `Connected ${connected} school${connected === 1 ? "" : "s"}` : "No new school to connect", { description: connected ? "Their first syncs are queued." : undefined });
        setToken("");
        setSubmitted(false);
        preview.reset();
        // The school switcher and the dashboard both gain the new schools.
        await queryClient.invalidateQueries();
        router.refresh();
      },
    }),
  );
  const parsed = trustTokenInput.safeParse({ token });
  const clientError = submitted && !parsed.success ? parsed.error.issues[0]?.message : undefined;
  const busy = !hydrated || preview.isPending || connect.isPending;
  const failure = connect.error ?? preview.error;

  const submit = (action: "preview" | "connect") => (event?: FormEvent) => {
    event?.preventDefault();
    setSubmitted(true);
    if (!parsed.success) return document.getElementById("trust-token")?.focus();
    connect.reset();
    if (action === "preview") preview.mutate(parsed.data);
    else connect.mutate(parsed.data);
  };
  const approved = preview.data?.filter((s) => s.state === "ready").length ?? 0;

  return (
    <Card className="mb-6">
      <CardHeader>
        <CardTitle>Connect schools from Wonde</CardTitle>
        <CardDescription>
          Paste the trust&apos;s Wonde account token: every approved school it can see is connected at once, and schools approved later are connected at the next hourly check.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {stored.isPending ? (
          <Skeleton className="h-10 w-full" />
        ) : stored.data?.connected ? (
          <details className="grid gap-3 text-sm">
            <summary className="cursor-pointer">
              Connected with the trust&apos;s token{stored.data.checkedAt ? `, last checked ${formatDateTime(stored.data.checkedAt)}` : ""}. Show its schools ({stored.data.schools.length})
            </summary>
            <div className="mt-3">
              <TokenSchoolList schools={stored.data.schools} label="Schools the trust's token sees" />
            </div>
          </details>
        ) : stored.error ? (
          <p className="text-sm text-destructive">{stored.error.message}</p>
        ) : null}
        <form onSubmit={submit("preview")} noValidate className="grid max-w-xl gap-3" aria-label="Connect the trust's schools">
          {failure && (
            <Alert variant="destructive">
              <AlertCircle aria-hidden />
              <AlertTitle>Wonde couldn&apos;t be reached with that token</AlertTitle>
              <AlertDescription>{failure.message}</AlertDescription>
            </Alert>
          )}
          <div className="grid gap-2">
            <Label htmlFor="trust-token">Wonde account token</Label>
            <Input
              id="trust-token"
              name="token"
              type="password"
              autoComplete="new-password"
              value={token}
              onChange={(event) => setToken(event.target.value)}
              aria-invalid={clientError ? true : undefined}
              aria-describedby={`trust-token-hint${clientError ? " trust-token-error" : ""}`}
              disabled={busy}
            />
            <p id="trust-token-hint" className="text-xs text-muted-foreground">
              From the Wonde portal (your account&apos;s API token), not a single school&apos;s.
            </p>
            {clientError && (
              <p id="trust-token-error" className="text-sm text-destructive">
                {clientError}
              </p>
            )}
          </div>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant="outline" disabled={busy}>
              {preview.isPending && <Loader2 className="animate-spin" aria-hidden />}
              Check token
            </Button>
            <Button type="button" onClick={submit("connect")} disabled={busy}>
              {connect.isPending && <Loader2 className="animate-spin" aria-hidden />}
              {connect.isPending ? "Connecting…" : preview.data ? `Connect ${approved} approved school${approved === 1 ? "" : "s"}` : "Connect approved schools"}
            </Button>
          </div>
        </form>
        {preview.data && <TokenSchoolList schools={preview.data} label="Schools this token sees" />}
        {connect.data && <TokenSchoolList schools={connect.data} label="What was connected" />}
      </CardContent>
    </Card>
  );
}

"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Check, Loader2, Undo2, UsersRound, X } from "lucide-react";
import { toast } from "sonner";
import { EmptyState } from "@/components/layout/empty-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDateTime } from "@/lib/format";
import type { RouterOutputs } from "@/lib/router-types";
import { useTRPC } from "@/lib/trpc";

type List = RouterOutputs["sharedStaff"]["list"];
type Side = List["proposed"][number]["a"];
type Rule = List["proposed"][number]["rules"][number];

const RULE_LABEL: Record<Rule, string> = { WORK_EMAIL: "Same work email", TEACHER_NUMBER: "Same teacher number" };

/** One school's record of the person: what its MIS says, and the account it signs in with. */
function PersonSide({ person }: { person: Side }) {
  return (
    <div className="grid min-w-0 gap-0.5 rounded-md bg-muted/50 p-3 text-sm">
      <span className="font-medium [overflow-wrap:anywhere]">{person.name}</span>
      <span className="text-muted-foreground [overflow-wrap:anywhere]">
        {person.schoolName}
        {person.jobTitle ? ` · ${person.jobTitle}` : ""}
      </span>
      <span className="[overflow-wrap:anywhere]">Work email: {person.email ?? "none in the MIS"}</span>
      <span>Teacher number: {person.teacherNumber ?? "none in the MIS"}</span>
      <span className="text-muted-foreground [overflow-wrap:anywhere]">{person.account ? `Signs in as ${person.account}` : "No Staffroom account yet"}</span>
    </div>
  );
}

function Evidence({ rules, evidence }: { rules: Rule[]; evidence: { email?: string; teacherNumber?: string } }) {
  return (
    <div className="flex flex-wrap gap-2">
      {rules.map((rule) => (
        <Badge key={rule} variant="secondary" className="max-w-full whitespace-normal [overflow-wrap:anywhere]">
          {RULE_LABEL[rule]}: {rule === "WORK_EMAIL" ? evidence.email : evidence.teacherNumber}
        </Badge>
      ))}
    </div>
  );
}

/**
 * The trust admin's Shared staff page: pairs of staff records in two schools that look like one
 * person (with what matched), to confirm (one account from then on) or refuse; and the pairs
 * linked to one account, each of which can be undone.
 */
export function SharedStaff() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.sharedStaff.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.sharedStaff.list.queryKey() });
  const confirm = useMutation(
    trpc.sharedStaff.confirm.mutationOptions({
      onSuccess: async (result) => {
        toast.success(result.account ? `Linked: they sign in as ${result.account} at both schools.` : "Linked to one account.");
        await refresh();
      },
    }),
  );
  const reject = useMutation(
    trpc.sharedStaff.reject.mutationOptions({
      onSuccess: async () => {
        toast.success("Marked as different people. They won't be proposed again.");
        await refresh();
      },
    }),
  );
  const undo = useMutation(
    trpc.sharedStaff.undo.mutationOptions({
      onSuccess: async () => {
        toast.success("Undone: each school's record has its own account again, and the pair is proposed again.");
        await refresh();
      },
    }),
  );
  const busy = confirm.isPending || reject.isPending || undo.isPending;
  const failure = confirm.error ?? reject.error ?? undo.error;

  if (list.isPending)
    return (
      <div className="grid gap-3" role="status" aria-busy="true" aria-label="Loading shared staff">
        <Skeleton className="h-40 w-full" />
        <Skeleton className="h-40 w-full" />
      </div>
    );
  if (list.isError) return <FormError>The shared staff couldn&apos;t be loaded: {list.error.message}</FormError>;
  const { proposed, confirmed } = list.data;

  return (
    <div className="grid gap-8">
      {failure && <FormError>{failure.message}</FormError>}
      <section aria-labelledby="proposed-heading" className="grid gap-3">
        <h2 id="proposed-heading" className="text-lg font-semibold">
          Proposed <span className="text-muted-foreground">({proposed.length})</span>
        </h2>
        {proposed.length === 0 ? (
          <EmptyState icon={UsersRound} title="Nothing to confirm">
            Staff records in two schools with the same work email or teacher number appear here after each school&apos;s sync.
          </EmptyState>
        ) : (
          <ul className="grid gap-3" aria-label="Proposed pairs">
            {proposed.map((pair) => {
              const label = `${pair.a.name} at ${pair.a.schoolName} and ${pair.b.name} at ${pair.b.schoolName}`;
              const ids = { personAId: pair.a.personId, personBId: pair.b.personId };
              return (
                <li key={`${pair.a.personId}-${pair.b.personId}`} aria-label={label} className="grid gap-3 rounded-xl border p-4">
                  <Evidence rules={pair.rules} evidence={pair.evidence} />
                  {pair.undone && <p className="text-sm text-muted-foreground">Linked before and undone: the sync leaves it to you.</p>}
                  <div className="grid gap-3 md:grid-cols-2">
                    <PersonSide person={pair.a} />
                    <PersonSide person={pair.b} />
                  </div>
                  <div className="flex flex-wrap gap-2">
                    <Button disabled={busy} onClick={() => confirm.mutate(ids)} aria-label={`Confirm ${label} are the same person`}>
                      {confirm.isPending && confirm.variables?.personAId === ids.personAId ? <Loader2 className="animate-spin" aria-hidden /> : <Check aria-hidden />}
                      Confirm
                    </Button>
                    <Button variant="outline" disabled={busy} onClick={() => reject.mutate(ids)} aria-label={`${label} are not the same person`}>
                      <X aria-hidden />
                      Not the same person
                    </Button>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section aria-labelledby="confirmed-heading" className="grid gap-3">
        <h2 id="confirmed-heading" className="text-lg font-semibold">
          Confirmed <span className="text-muted-foreground">({confirmed.length})</span>
        </h2>
        {confirmed.length === 0 ? (
          <p className="text-sm text-muted-foreground">No one is linked across schools yet. Confirm a proposed pair, or run each school&apos;s sync: the same work email links by itself.</p>
        ) : (
          <ul className="grid gap-3" aria-label="Confirmed pairs">
            {confirmed.map((pair) => {
              const label = `${pair.a.name} at ${pair.a.schoolName} and ${pair.b.name} at ${pair.b.schoolName}`;
              return (
                <li key={pair.pairId} aria-label={label} className="grid gap-3 rounded-xl border p-4">
                  <div className="flex flex-wrap items-center gap-2">
                    <Evidence rules={pair.rules} evidence={pair.evidence} />
                    <span className="text-sm text-muted-foreground">
                      Confirmed by {pair.decidedBy}, {formatDateTime(pair.decidedAt)}
                    </span>
                  </div>
                  <div className="grid gap-3 md:grid-cols-2">
                    <PersonSide person={pair.a} />
                    <PersonSide person={pair.b} />
                  </div>
                  <div>
                    <Button variant="outline" disabled={busy} onClick={() => undo.mutate({ pairId: pair.pairId })} aria-label={`Undo the link of ${label}`}>
                      <Undo2 aria-hidden />
                      Undo
                    </Button>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}

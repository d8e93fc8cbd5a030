"use client";
import { useState } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link2, Loader2, Unlink, Users, Wand2 } from "lucide-react";
import { toast } from "sonner";
import { DataTable, DataTableSkeleton, DataTableToolbar, type DataTableColumn } from "@/components/data-table/data-table";
import { SearchInput } from "@/components/data-table/search-input";
import { pickParam, useListParams } from "@/components/data-table/use-list-params";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc";
import { useReadOnly } from "@/components/layout/read-only";
import { DomainsForm } from "./domains-form";
import { LinkIdentityDialog, type PendingIdentity } from "./link-identity-dialog";

const FILTERS = ["all", "no-sso", "no-account", "conflicts"] as const;
const PAGE_SIZE = 25;
const FILTER_EMPTY: Record<(typeof FILTERS)[number], string> = {
  all: "Try another search, or show all staff.",
  "no-sso": "Everyone shown has a Google or Microsoft sign-in linked. Try another search, or show all staff.",
  "no-account": "Every member of staff shown has a Staffroom account. Try another search, or show all staff.",
  conflicts: "No conflicts. Try another search, or show all staff.",
};

type Row = {
  personId: string;
  displayName: string;
  jobTitle: string | null;
  email: string | null;
  account: { userId: string; email: string; hasPassword: boolean; disabled: boolean } | null;
  identities: { accountId: string; provider: string; providerLabel: string; email: string | null }[];
  conflicts: string[];
};
type LinkedIdentity = Row["identities"][number] & { personName: string };

/** User Matching: staff ↔ accounts ↔ Google/Microsoft sign-ins. */
export function MatchingBoard({ schoolId }: { schoolId: string }) {
  const readOnly = useReadOnly();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { params, setParams, page, search } = useListParams();
  const filter = pickParam(params.get("filter"), FILTERS, "all");
  const [linking, setLinking] = useState<PendingIdentity | null>(null);
  const [unlinking, setUnlinking] = useState<LinkedIdentity | null>(null);

  const staff = useQuery({
    ...trpc.matching.listStaff.queryOptions({ schoolId, search: search || undefined, filter, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const pending = useQuery(trpc.matching.listUnmatched.queryOptions({ schoolId }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.matching.pathKey() });

  const matchAll = useMutation(
    trpc.matching.matchAll.mutationOptions({
      onSuccess: async ({ matched, ambiguous, unmatched }) => {
        const rest = [ambiguous && `${ambiguous} match more than one person`, unmatched && `${unmatched} match nobody`].filter(Boolean).join(", ");
        toast.success(`Matched ${matched} sign-in${matched === 1 ? "" : "s"} by email`, { description: rest ? `Left for you to check: ${rest}.` : undefined });
        await refresh();
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  const unlink = useMutation(
    trpc.matching.unlink.mutationOptions({
      onSuccess: async ({ provider }) => {
        toast.success(`${provider} sign-in unlinked from ${unlinking?.personName}`);
        setUnlinking(null);
        await refresh();
      },
      onError: (error) => toast.error(error.message),
    }),
  );

  const columns: DataTableColumn<Row>[] = [
    {
      id: "person",
      header: "Staff member",
      cell: (row) => (
        <span className="grid">
          <span className="font-medium">{row.displayName}</span>
          <span className="text-xs text-muted-foreground">{[row.jobTitle, row.email].filter(Boolean).join(" · ") || "No email in the MIS"}</span>
        </span>
      ),
    },
    {
      id: "account",
      header: "Staffroom account",
      cell: (row) =>
        !row.account ? (
          <span className="text-muted-foreground">No account</span>
        ) : (
          <span className="grid gap-1">
            <span>{row.account.email}</span>
            <span className="flex gap-1">
              {row.account.disabled ? <Badge variant="destructive">Disabled</Badge> : null}
              <Badge variant={row.account.hasPassword ? "secondary" : "outline"}>{row.account.hasPassword ? "Password set" : "No password yet"}</Badge>
            </span>
          </span>
        ),
    },
    {
      id: "identities",
      header: "Google / Microsoft",
      cell: (row) =>
        row.identities.length === 0 ? (
          <span className="text-muted-foreground">No sign-in linked</span>
        ) : (
          <ul className="grid gap-1">
            {row.identities.map((identity) => (
              <li key={identity.accountId} className="flex items-center gap-2">
                <Badge variant="secondary">{identity.providerLabel}</Badge>
                <span className="text-sm">{identity.email ?? "no email"}</span>
                {!readOnly && (
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-label={`Unlink ${identity.providerLabel} sign-in from ${row.displayName}`}
                    onClick={() => setUnlinking({ ...identity, personName: row.displayName })}
                  >
                    <Unlink aria-hidden />
                  </Button>
                )}
              </li>
            ))}
          </ul>
        ),
    },
    {
      id: "conflicts",
      header: "Conflicts",
      cell: (row) =>
        row.conflicts.length === 0 ? null : (
          <ul className="grid gap-1">
            {row.conflicts.map((c) => (
              <li key={c}>
                <Badge variant="destructive">{c}</Badge>
              </li>
            ))}
          </ul>
        ),
    },
  ];

  const counts = staff.data?.counts;
  return (
    <>
      <PageHeader
        title="User matching"
        description="Which member of staff each Staffroom account and Google or Microsoft sign-in belongs to."
        actions={
          !readOnly && (
            <Button onClick={() => matchAll.mutate({ schoolId })} disabled={matchAll.isPending}>
              {matchAll.isPending ? <Loader2 className="animate-spin" aria-hidden /> : <Wand2 aria-hidden />}
              Match all by email
            </Button>
          )
        }
      />
      <div className="grid gap-6">
        <DomainsForm schoolId={schoolId} />

        <section aria-labelledby="pending-heading" className="grid gap-3">
          <h2 id="pending-heading" className="text-lg font-semibold">
            Sign-ins waiting for a match
          </h2>
          {pending.isPending ? (
            <DataTableSkeleton label="Sign-ins waiting for a match" headers={["Sign-in", "Email", "Name", "Last tried", ""]} rows={2} />
          ) : !pending.data?.length ? (
            <p className="text-sm text-muted-foreground">
              Nobody is waiting. When someone tries a Google or Microsoft account that isn&apos;t linked, it appears here for you to link.
            </p>
          ) : (
            <div className="rounded-lg border">
              <Table aria-label="Sign-ins waiting for a match">
                <TableHeader>
                  <TableRow>
                    <TableHead>Sign-in</TableHead>
                    <TableHead>Email</TableHead>
                    <TableHead>Name</TableHead>
                    <TableHead>Last tried</TableHead>
                    <TableHead>
                      <span className="sr-only">Actions</span>
                    </TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {pending.data.map((identity) => (
                    <TableRow key={identity.id}>
                      <TableCell>
                        <Badge variant="secondary">{identity.providerLabel}</Badge>
                      </TableCell>
                      <TableCell>
                        {identity.email ?? "—"} {identity.email && !identity.emailVerified && <Badge variant="outline">not verified</Badge>}
                      </TableCell>
                      <TableCell>{identity.name ?? "—"}</TableCell>
                      <TableCell className="whitespace-nowrap">
                        {formatDateTime(identity.lastSeenAt)}
                        {identity.attempts > 1 && <span className="text-muted-foreground"> ({identity.attempts} tries)</span>}
                      </TableCell>
                      <TableCell className="text-right">
                        {!readOnly && (
                          <Button size="sm" variant="outline" onClick={() => setLinking(identity)} aria-label={`Link ${identity.providerLabel} sign-in ${identity.email ?? ""}`.trim()}>
                            <Link2 aria-hidden /> Link…
                          </Button>
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
        </section>

        <section aria-labelledby="staff-heading" className="grid gap-1">
          <h2 id="staff-heading" className="text-lg font-semibold">
            Staff
          </h2>
          <Tabs value={filter} onValueChange={(value) => setParams({ filter: value === "all" ? null : value, page: null })} className="gap-0">
            <DataTableToolbar>
              <SearchInput label="Search staff" placeholder="Search by name or email" value={search} onSearch={(q) => setParams({ q, page: null })} />
              <TabsList aria-label="Show" className="h-auto flex-wrap">
                <TabsTrigger value="all">All{counts ? ` (${counts.all})` : ""}</TabsTrigger>
                <TabsTrigger value="no-sso">No sign-in linked{counts ? ` (${counts.noSso})` : ""}</TabsTrigger>
                <TabsTrigger value="no-account">No account{counts ? ` (${counts.noAccount})` : ""}</TabsTrigger>
                <TabsTrigger value="conflicts">Conflicts{counts ? ` (${counts.conflicts})` : ""}</TabsTrigger>
              </TabsList>
            </DataTableToolbar>
            {/* A panel per tab (so each tab's aria-controls names one); only the chosen filter's list is drawn. */}
            {FILTERS.map((value) => (
              <TabsContent key={value} value={value} forceMount className="data-[state=inactive]:hidden">
                {value === filter && (
                  <DataTable
                    label="Staff matching"
                    columns={columns}
                    rows={staff.data?.rows}
                    rowKey={(row) => row.personId}
                    total={staff.data?.total ?? 0}
                    page={page}
                    pageSize={PAGE_SIZE}
                    onPageChange={(p) => setParams({ page: p })}
                    isLoading={staff.isPending}
                    isFetching={staff.isFetching && !staff.isPending}
                    error={staff.error?.message ?? null}
                    empty={
                      <EmptyState icon={Users} title={search || filter !== "all" ? "Nobody matches" : "No staff yet"}>
                        {search || filter !== "all"
                          ? FILTER_EMPTY[filter]
                          : "Connect Wonde in Settings, then press Sync Data: current staff and their accounts appear here."}
                      </EmptyState>
                    }
                  />
                )}
              </TabsContent>
            ))}
          </Tabs>
        </section>
      </div>

      <LinkIdentityDialog schoolId={schoolId} identity={linking} onClose={() => setLinking(null)} />
      <AlertDialog open={unlinking !== null} onOpenChange={(open) => !open && setUnlinking(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Unlink this {unlinking?.providerLabel} sign-in?</AlertDialogTitle>
            <AlertDialogDescription>
              {unlinking?.email ?? "This sign-in"} will no longer sign in as {unlinking?.personName}. You can link it again later.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Keep it</AlertDialogCancel>
            <AlertDialogAction
              disabled={unlink.isPending}
              onClick={(event) => {
                event.preventDefault();
                if (unlinking) unlink.mutate({ schoolId, accountId: unlinking.accountId });
              }}
            >
              {unlink.isPending && <Loader2 className="animate-spin" aria-hidden />}
              Unlink
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </>
  );
}

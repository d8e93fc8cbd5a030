"use client";
import { useState } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Loader2, Mail, Users } from "lucide-react";
import { toast } from "sonner";
import { DataTable, DataTableToolbar, type DataTableColumn } from "@/components/data-table/data-table";
import { SearchInput } from "@/components/data-table/search-input";
import { useListParams } from "@/components/data-table/use-list-params";
import { EmptyState } from "@/components/layout/empty-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { formatDate } from "@/lib/format";
import { useTRPC } from "@/lib/trpc";
import { useReadOnly } from "@/components/layout/read-only";

type Role = "STAFF" | "SCHOOL_ADMIN" | "TRUST_ADMIN";
const ROLE_LABELS: Record<Role, string> = { STAFF: "Staff", SCHOOL_ADMIN: "School admin", TRUST_ADMIN: "Trust admin" };
const PAGE_SIZE = 25;

type Row = { userId: string; email: string; name: string | null; role: Role; hasPassword: boolean; disabled: boolean; linkedIdentities: number; lastInviteAt: Date | null };

/** Accounts at the school: change roles, send invites. */
export function UsersTable({ schoolId, canGrantTrustAdmin }: { schoolId: string; canGrantTrustAdmin: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { setParams, page, search } = useListParams();
  const [busy, setBusy] = useState<string | null>(null);
  // A trust viewer sees everyone's role and invite state, with nothing to change.
  const readOnly = useReadOnly();
  const users = useQuery({ ...trpc.users.list.queryOptions({ schoolId, search: search || undefined, page, pageSize: PAGE_SIZE }), placeholderData: keepPreviousData });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() });

  const setRole = useMutation(
    trpc.users.setRole.mutationOptions({
      onSuccess: async ({ role }, { userId }) => {
        const who = users.data?.rows.find((r) => r.userId === userId);
        toast.success(`${who?.name ?? who?.email ?? "They"} ${role === "STAFF" ? "is now staff" : `is now a ${ROLE_LABELS[role].toLowerCase()}`}`);
        await refresh();
      },
      onError: (error) => toast.error(error.message),
      onSettled: () => setBusy(null),
    }),
  );
  const invite = useMutation(
    trpc.users.sendInvite.mutationOptions({
      onSuccess: async ({ email }) => {
        toast.success(`Invite sent to ${email}`);
        await refresh();
      },
      onError: (error) => toast.error(error.message),
      onSettled: () => setBusy(null),
    }),
  );

  const roles: Role[] = canGrantTrustAdmin ? ["STAFF", "SCHOOL_ADMIN", "TRUST_ADMIN"] : ["STAFF", "SCHOOL_ADMIN"];
  const columns: DataTableColumn<Row>[] = [
    {
      id: "name",
      header: "Name",
      cell: (row) => (
        <span className="grid">
          <span className="font-medium">{row.name ?? row.email}</span>
          <span className="text-xs text-muted-foreground">{row.email}</span>
        </span>
      ),
    },
    {
      id: "status",
      header: "Sign-in",
      cell: (row) => (
        <span className="flex flex-wrap gap-1">
          {row.disabled && <Badge variant="destructive">Disabled</Badge>}
          <Badge variant={row.hasPassword ? "secondary" : "outline"}>{row.hasPassword ? "Password set" : "No password yet"}</Badge>
          {row.linkedIdentities > 0 && <Badge variant="secondary">Google / Microsoft linked</Badge>}
        </span>
      ),
    },
    {
      id: "role",
      header: "Role",
      cell: (row) => {
        const locked = row.role === "TRUST_ADMIN" && !canGrantTrustAdmin;
        if (readOnly) return ROLE_LABELS[row.role];
        return (
          <Select
            value={row.role}
            disabled={locked || busy === row.userId}
            onValueChange={(role) => {
              setBusy(row.userId);
              setRole.mutate({ schoolId, userId: row.userId, role: role as Role });
            }}
          >
            <SelectTrigger aria-label={`Role of ${row.name ?? row.email}`} className="w-40">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {(locked ? [row.role] : roles).map((role) => (
                <SelectItem key={role} value={role}>
                  {ROLE_LABELS[role]}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        );
      },
    },
    {
      id: "invite",
      header: "Invite",
      cell: (row) => (
        <span className="flex items-center gap-2">
          {!readOnly && (
            <Button
              size="sm"
              variant="outline"
              disabled={row.disabled || busy === row.userId}
              aria-label={`Send invite to ${row.name ?? row.email}`}
              onClick={() => {
                setBusy(row.userId);
                invite.mutate({ schoolId, userId: row.userId });
              }}
            >
              {invite.isPending && busy === row.userId ? <Loader2 className="animate-spin" aria-hidden /> : <Mail aria-hidden />}
              {row.lastInviteAt ? "Send again" : "Send invite"}
            </Button>
          )}
          {row.lastInviteAt && <span className="text-xs text-muted-foreground">Last sent {formatDate(row.lastInviteAt)}</span>}
        </span>
      ),
    },
  ];

  return (
    <>
      <DataTableToolbar>
        <SearchInput label="Search users" placeholder="Search by name or email" value={search} onSearch={(q) => setParams({ q, page: null })} />
      </DataTableToolbar>
      <DataTable
        label="Users"
        columns={columns}
        rows={users.data?.rows}
        rowKey={(row) => row.userId}
        total={users.data?.total ?? 0}
        page={page}
        pageSize={PAGE_SIZE}
        onPageChange={(p) => setParams({ page: p })}
        isLoading={users.isPending}
        isFetching={users.isFetching && !users.isPending}
        error={users.error?.message ?? null}
        empty={
          <EmptyState icon={Users} title={search ? "Nobody matches" : "No users yet"}>
            {search ? "Try another name or email." : "Accounts are created for current staff when you press Sync Data."}
          </EmptyState>
        }
      />
    </>
  );
}

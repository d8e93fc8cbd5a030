"use client";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { AlertCircle, CheckCircle2, Loader2, Pencil, Printer, RotateCcw } from "lucide-react";
import { toast } from "sonner";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatCalendarDate, formatDateTime } from "@/lib/format";
import { NOTIFICATION_STATUS_LABELS, OUTCOME_LABELS, SEVERITY_LABELS, STATUS_LABELS, TYPE_LABELS, type NotificationStatus } from "@/lib/incidents/labels";
import { affectedLabel } from "@/lib/incidents/people";
import { formatPersonName } from "@/lib/person-name";
import type { RouterOutputs } from "@/lib/router-types";
import { useTRPC } from "@/lib/trpc";
import { NotifyDialog } from "./notify-dialog";

export type IncidentDetailData = RouterOutputs["incidents"]["get"];

const FINAL: NotificationStatus[] = ["NOT_SENT", "DELIVERED", "BOUNCED", "COMPLAINED", "FAILED"];
/** 44 px buttons on a phone, for one thumb. */
const TOUCH = "h-11 md:h-8";

export function NotificationBadge({ status }: { status: NotificationStatus }) {
  const variant = status === "FAILED" || status === "BOUNCED" || status === "COMPLAINED" ? "destructive" : status === "DELIVERED" ? "default" : "secondary";
  return <Badge variant={variant}>{NOTIFICATION_STATUS_LABELS[status]}</Badge>;
}

function Row({ name, children }: { name: string; children: React.ReactNode }) {
  return (
    <TableRow>
      <TableHead scope="row" className="h-auto w-28 py-2 align-top font-medium whitespace-normal sm:w-48">
        {name}
      </TableHead>
      <TableCell className="align-top whitespace-pre-wrap [overflow-wrap:anywhere]">{children ?? <span className="text-muted-foreground">Not recorded</span>}</TableCell>
    </TableRow>
  );
}

/** The incident: details, affected people (with Notify), follow-up actions, notifications and their delivery status. */
export function IncidentDetail({ schoolId, incidentId }: { schoolId: string; incidentId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const incident = useQuery({
    ...trpc.incidents.get.queryOptions({ schoolId, incidentId }),
    // Delivery status arrives by webhook: look again while any email is still on its way.
    refetchInterval: (query) => (query.state.data?.notifications.some((n) => !FINAL.includes(n.status) && !n.acknowledgedAt) ? 10_000 : false),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.incidents.pathKey() });
  const setStatus = useMutation(trpc.incidents.setStatus.mutationOptions({ onSuccess: (r) => { toast.success(r.status === "CLOSED" ? "Incident closed" : "Incident reopened"); void refresh(); } }));
  const retry = useMutation(
    trpc.incidents.retryNotification.mutationOptions({
      onSuccess: (r) => {
        if (r.status === "FAILED") toast.error("Still couldn't send the email", { description: r.error ?? undefined });
        else toast.success(`Email sent to ${r.recipientName}`);
        void refresh();
      },
    }),
  );

  if (incident.isPending) return <Skeleton className="h-96" aria-label="Loading the incident" />;
  if (incident.error)
    return (
      <Alert variant="destructive">
        <AlertCircle aria-hidden />
        <AlertTitle>The incident couldn&apos;t be loaded</AlertTitle>
        <AlertDescription>{incident.error.message}</AlertDescription>
      </Alert>
    );
  const i = incident.data;
  const tz = i.timezone;
  const retryButton = (n: IncidentDetailData["notifications"][number], className?: string) =>
    i.canNotify &&
    (n.status === "FAILED" || n.status === "BOUNCED") && (
      <Button size="sm" variant="outline" className={className} disabled={retry.isPending} onClick={() => retry.mutate({ schoolId, notificationId: n.id })}>
        {retry.isPending && retry.variables?.notificationId === n.id && <Loader2 className="animate-spin" aria-hidden />}
        Retry<span className="sr-only"> the email to {n.recipientName}</span>
      </Button>
    );
  const labelOf = new Map(i.affected.map((a) => [a.id, affectedLabel(a).label]));

  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-center gap-2">
        <Badge variant={i.status === "OPEN" ? "secondary" : "outline"}>{STATUS_LABELS[i.status]}</Badge>
        {i.riddorReportable && <Badge variant="destructive">May be RIDDOR-reportable</Badge>}
        <span className="text-sm text-muted-foreground">
          Logged by {i.reporter.name ?? i.reporter.email} on {formatDateTime(i.createdAt, tz)}
        </span>
        <div className="flex w-full flex-wrap gap-2 sm:ml-auto sm:w-auto">
          {i.canEdit && (
            <Button asChild variant="outline" size="sm" className={TOUCH}>
              <Link href={`/incidents/${i.id}/edit`}>
                <Pencil aria-hidden /> Edit
              </Link>
            </Button>
          )}
          <Button asChild variant="outline" size="sm" className={TOUCH}>
            <Link href={`/incidents/${i.id}/print`}>
              <Printer aria-hidden /> Printable record
            </Link>
          </Button>
          {i.canClose && (
            <Button size="sm" className={TOUCH} disabled={setStatus.isPending} onClick={() => setStatus.mutate({ schoolId, incidentId, status: "CLOSED" })}>
              <CheckCircle2 aria-hidden /> Close incident
            </Button>
          )}
          {i.canReopen && (
            <Button size="sm" variant="outline" className={TOUCH} disabled={setStatus.isPending} onClick={() => setStatus.mutate({ schoolId, incidentId, status: "OPEN" })}>
              <RotateCcw aria-hidden /> Reopen
            </Button>
          )}
        </div>
      </div>
      {setStatus.error && (
        <Alert variant="destructive">
          <AlertCircle aria-hidden />
          <AlertDescription>{setStatus.error.message}</AlertDescription>
        </Alert>
      )}

      <Card>
        <CardHeader>
          <CardTitle>
            <h2 className="text-base">Details</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          <Table aria-label="Incident details">
            <TableBody>
              <Row name="When">{formatDateTime(i.occurredAt, tz)}</Row>
              <Row name="Where">{[i.location?.name, i.locationDetail].filter(Boolean).join(" – ") || null}</Row>
              <Row name="Type">{TYPE_LABELS[i.type]}</Row>
              <Row name="Severity">{SEVERITY_LABELS[i.severity]}</Row>
              <Row name="What happened">{i.description}</Row>
              <Row name="First aid">{i.firstAidGiven ? [i.firstAidDetails ?? "Given", i.firstAidBy ? `by ${i.firstAidBy}` : null].filter(Boolean).join(" ") : "None given"}</Row>
              <Row name="Outcome">{i.outcome ? OUTCOME_LABELS[i.outcome] : null}</Row>
              <Row name="Witnesses">{i.witnesses}</Row>
              <Row name="RIDDOR">{i.riddorReportable ? `May be reportable: ${i.riddorReason}` : "Not thought reportable"}</Row>
              {i.closedAt && <Row name="Closed">{formatDateTime(i.closedAt, tz)}</Row>}
            </TableBody>
          </Table>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>
            <h2 className="text-base">Affected</h2>
          </CardTitle>
        </CardHeader>
        <CardContent className="grid gap-3">
          {i.affected.map((a) => {
            const { label, secondary } = affectedLabel(a);
            return (
              <div key={a.id} className="flex flex-wrap items-center justify-between gap-3 rounded-lg border p-3">
                <div>
                  <p className="font-medium">{label}</p>
                  <p className="text-sm text-muted-foreground">
                    {secondary}
                    {a.injury || a.bodyPart ? ` · ${[a.injury, a.bodyPart].filter(Boolean).join(", ")}` : ""}
                  </p>
                </div>
                {i.canNotify && a.person && <NotifyDialog schoolId={schoolId} incidentId={i.id} affectedId={a.id} personLabel={label} personKind={a.person.kind} />}
              </div>
            );
          })}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>
            <h2 className="text-base">Notifications</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          {i.notifications.length === 0 ? (
            <p className="text-sm text-muted-foreground">No one has been emailed about this incident yet. Use &ldquo;Notify parents&rdquo; (or &ldquo;Notify next of kin&rdquo;) beside a pupil or member of staff.</p>
          ) : (
            <>
              <ul aria-label="Notifications" className="grid gap-2 md:hidden">
                {i.notifications.map((n) => (
                  <li key={n.id} className="grid gap-1.5 rounded-lg border p-3 text-sm">
                    <div className="flex flex-wrap items-start justify-between gap-2">
                      <div className="min-w-0">
                        <p className="font-medium">
                          {n.recipientName}
                          {n.relationship ? ` (${n.relationship})` : ""}
                        </p>
                        <p className="text-xs [overflow-wrap:anywhere] text-muted-foreground">{n.recipientEmail}</p>
                      </div>
                      <NotificationBadge status={n.status} />
                    </div>
                    <p className="text-muted-foreground">About {labelOf.get(n.affectedId)}</p>
                    <p>
                      {n.sentAt ? `Sent ${formatDateTime(n.sentAt, tz)}` : "Not sent"}
                      {n.acknowledgedAt ? ` · confirmed ${formatDateTime(n.acknowledgedAt, tz)}` : ""}
                    </p>
                    {n.error && <p className="text-xs text-destructive">{n.error}</p>}
                    {retryButton(n, "h-11 w-full")}
                  </li>
                ))}
              </ul>
              <div className="hidden md:block">
                <Table aria-label="Notifications">
                  <TableHeader>
                    <TableRow>
                      <TableHead>Recipient</TableHead>
                      <TableHead>About</TableHead>
                      <TableHead>Status</TableHead>
                      <TableHead>Sent</TableHead>
                      <TableHead>Read</TableHead>
                      <TableHead>
                        <span className="sr-only">Actions</span>
                      </TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {i.notifications.map((n) => (
                      <TableRow key={n.id}>
                        <TableCell>
                          <p className="font-medium">
                            {n.recipientName}
                            {n.relationship ? ` (${n.relationship})` : ""}
                          </p>
                          <p className="text-xs text-muted-foreground">{n.recipientEmail}</p>
                        </TableCell>
                        <TableCell>{labelOf.get(n.affectedId)}</TableCell>
                        <TableCell>
                          <NotificationBadge status={n.status} />
                          {n.error && <p className="mt-1 max-w-xs text-xs whitespace-normal text-destructive">{n.error}</p>}
                        </TableCell>
                        <TableCell>{n.sentAt ? formatDateTime(n.sentAt, tz) : "—"}</TableCell>
                        <TableCell>{n.acknowledgedAt ? `Confirmed ${formatDateTime(n.acknowledgedAt, tz)}` : "—"}</TableCell>
                        <TableCell>{retryButton(n)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            </>
          )}
          {retry.error && <p className="mt-2 text-sm text-destructive">{retry.error.message}</p>}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>
            <h2 className="text-base">Follow-up actions</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          {i.actions.length === 0 ? (
            <p className="text-sm text-muted-foreground">No follow-up actions.</p>
          ) : (
            <ul className="grid gap-2">
              {i.actions.map((a) => (
                <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 rounded-lg border p-3 text-sm">
                  <span className={a.completedAt ? "line-through" : undefined}>{a.description}</span>
                  <span className="text-muted-foreground">
                    {[a.owner ? formatPersonName(a.owner) : null, a.dueOn ? `due ${formatCalendarDate(a.dueOn)}` : null, a.completedAt ? "done" : null]
                      .filter(Boolean)
                      .join(" · ")}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}

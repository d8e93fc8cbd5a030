"use client";
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Copy, Send, Webhook } from "lucide-react";
import { EmptyState } from "@/components/layout/empty-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import type { RouterOutputs } from "@/lib/router-types";
import { useTRPC } from "@/lib/trpc";

type Settings = RouterOutputs["webhooks"]["get"];
type EventType = Settings["events"][number];
type Delivery = Settings["deliveries"][number];

const EVENT_LABELS: Record<EventType, string> = {
  "user.created": "Someone joins (user.created)",
  "user.updated": "Someone's details change (user.updated)",
  "user.archived": "Someone leaves (user.archived)",
  "migration.applied": "The school moves MIS: everyone's old and new MIS ids (migration.applied)",
};

const STATUS: Record<Delivery["status"], { label: string; variant: "secondary" | "outline" | "destructive" }> = {
  SUCCEEDED: { label: "Delivered", variant: "secondary" },
  PENDING: { label: "Waiting", variant: "outline" },
  FAILED: { label: "Failed", variant: "destructive" },
};

/** An app's change webhook: the address and events, the signing secret (shown once), and the delivery log. */
export function WebhookSettings({ schoolId, appId }: { schoolId: string; appId: string }) {
  const trpc = useTRPC();
  const settings = useQuery(trpc.webhooks.get.queryOptions({ schoolId, appId }));
  const [secret, setSecret] = useState<string | null>(null);

  if (settings.isPending) return <Skeleton className="h-64" aria-label="Loading" />;
  if (settings.isError) return <FormError>{settings.error.message}</FormError>;
  const { app, webhook, deliveries } = settings.data;
  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>
              {app.icon ? `${app.icon} ` : ""}
              {app.name}
            </h2>
          </CardTitle>
          <CardDescription>
            Staffroom sends each event as a signed POST (Standard Webhooks: webhook-id, webhook-timestamp and webhook-signature headers) and tries again with growing waits, for about a day, until
            the app answers with a 2xx status.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {secret && <SecretOnce secret={secret} onDismiss={() => setSecret(null)} />}
          <WebhookForm key={webhook?.updatedAt.toString() ?? "new"} schoolId={schoolId} appId={appId} settings={settings.data} onSecret={setSecret} />
        </CardContent>
      </Card>
      {webhook && <DeliveryLog schoolId={schoolId} deliveries={deliveries} />}
    </div>
  );
}

function SecretOnce({ secret, onDismiss }: { secret: string; onDismiss: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" className="grid gap-2 rounded-lg border border-primary/40 bg-primary/5 p-3">
      <p className="text-sm font-medium">The signing secret. Copy it into the app now: it is not shown again.</p>
      <div className="flex flex-wrap items-center gap-2">
        <code className="min-w-0 flex-1 rounded-md border bg-background px-2 py-1.5 break-all">{secret}</code>
        <Button type="button" variant="outline" size="sm" onClick={async () => (await navigator.clipboard.writeText(secret), setCopied(true))}>
          <Copy aria-hidden /> {copied ? "Copied" : "Copy"}
        </Button>
        <Button type="button" variant="ghost" size="sm" onClick={onDismiss}>
          Done
        </Button>
      </div>
    </div>
  );
}

function WebhookForm({ schoolId, appId, settings, onSecret }: { schoolId: string; appId: string; settings: Settings; onSecret: (secret: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { webhook } = settings;
  const [url, setUrl] = useState(webhook?.url ?? "https://");
  const [events, setEvents] = useState<EventType[]>((webhook?.events as EventType[] | undefined) ?? [...settings.events]);
  const [enabled, setEnabled] = useState(webhook?.enabled ?? true);
  const [status, setStatus] = useState("");
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.get.queryKey({ schoolId, appId }) });
  const save = useMutation(
    trpc.webhooks.save.mutationOptions({
      onSuccess: async ({ secret }) => {
        if (secret) onSecret(secret);
        setStatus("Webhook saved.");
        await refresh();
      },
    }),
  );
  const rotate = useMutation(trpc.webhooks.rotateSecret.mutationOptions({ onSuccess: ({ secret }) => onSecret(secret) }));
  const remove = useMutation(
    trpc.webhooks.remove.mutationOptions({
      onSuccess: async () => {
        setStatus("Webhook removed.");
        await refresh();
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ schoolId, appId, url, events, enabled });
  };
  const error = save.error ?? rotate.error ?? remove.error;
  return (
    <form onSubmit={submit} aria-label="Webhook" className="grid gap-4">
      <div className="grid gap-2">
        <Label htmlFor="webhook-url">The app&apos;s webhook address</Label>
        <Input id="webhook-url" type="url" inputMode="url" value={url} onChange={(e) => setUrl(e.target.value)} required maxLength={2000} />
        <p className="text-sm text-muted-foreground">Starting with https:// (or http://). Addresses on a private network are refused.</p>
      </div>
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">Send these events</legend>
        {settings.events.map((type) => (
          <div key={type} className="flex items-start gap-2">
            <Checkbox id={`event-${type}`} checked={events.includes(type)} onCheckedChange={(on) => setEvents((list) => (on === true ? [...list, type] : list.filter((e) => e !== type)))} />
            <Label htmlFor={`event-${type}`} className="leading-snug font-normal">
              {EVENT_LABELS[type]}
            </Label>
          </div>
        ))}
      </fieldset>
      <div className="flex items-center gap-2">
        <Checkbox id="webhook-enabled" checked={enabled} onCheckedChange={(on) => setEnabled(on === true)} />
        <Label htmlFor="webhook-enabled" className="font-normal">
          On (off: nothing is sent, and waiting messages are not retried)
        </Label>
      </div>
      {error && <FormError>{error.message}</FormError>}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : webhook ? "Save" : "Add webhook"}
        </Button>
        {webhook && (
          <>
            <Button type="button" variant="outline" disabled={rotate.isPending} onClick={() => rotate.mutate({ schoolId, appId })}>
              New signing secret
            </Button>
            <Button type="button" variant="outline" disabled={remove.isPending} onClick={() => remove.mutate({ schoolId, appId })}>
              Remove webhook
            </Button>
          </>
        )}
      </div>
      <p aria-live="polite" className="text-sm text-muted-foreground">
        {status}
      </p>
    </form>
  );
}

function DeliveryLog({ schoolId, deliveries }: { schoolId: string; deliveries: Delivery[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const redeliver = useMutation(trpc.webhooks.redeliver.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.pathKey() }) }));
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Delivery log</h2>
        </CardTitle>
        <CardDescription>The latest 50 messages, newest first, with every try.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {redeliver.isError && <FormError>{redeliver.error.message}</FormError>}
        {deliveries.length === 0 ? (
          <EmptyState icon={Webhook} title="No messages yet">
            Messages appear here when people change at the next sync, or when the school moves MIS.
          </EmptyState>
        ) : (
          <div className="overflow-x-auto rounded-md border">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Event</TableHead>
                  <TableHead>Queued</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead>Tries</TableHead>
                  <TableHead>Last try</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {deliveries.map((d) => (
                  <TableRow key={d.id}>
                    <TableCell>
                      <span className="font-medium">{d.eventType}</span>
                      <span className="block text-xs text-muted-foreground">{d.id}</span>
                    </TableCell>
                    <TableCell className="whitespace-nowrap">{formatDateTime(d.createdAt)}</TableCell>
                    <TableCell>
                      <Badge variant={STATUS[d.status].variant}>{STATUS[d.status].label}</Badge>
                      {d.status === "PENDING" && d.attempts > 0 && <span className="block text-xs text-muted-foreground">next try {formatDateTime(d.nextAttemptAt)}</span>}
                    </TableCell>
                    <TableCell>{d.attempts}</TableCell>
                    <TableCell className="min-w-48">
                      {d.attemptLog.length === 0 ? (
                        <span className="text-muted-foreground">Not tried yet</span>
                      ) : (
                        <details>
                          <summary className="cursor-pointer">{d.lastError ?? `HTTP ${d.lastStatus}`}</summary>
                          <ol className="mt-1 grid gap-1 text-xs">
                            {d.attemptLog.map((a) => (
                              <li key={a.number}>
                                Try {a.number}, {formatDateTime(a.at)}: {a.error ?? `HTTP ${a.statusCode}`} ({a.durationMs} ms)
                              </li>
                            ))}
                          </ol>
                        </details>
                      )}
                      {d.status === "FAILED" && (
                        <Button type="button" variant="outline" size="sm" className="mt-2" disabled={redeliver.isPending} onClick={() => redeliver.mutate({ schoolId, deliveryId: d.id })}>
                          <Send aria-hidden /> Send again
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </CardContent>
    </Card>
  );
}

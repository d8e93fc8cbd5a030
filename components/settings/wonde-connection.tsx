"use client";
import { useQuery } from "@tanstack/react-query";
import { AlertCircle, CheckCircle2, PlugZap } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import {
  Card,
  CardAction,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
} from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import type { RouterOutputs } from "@/lib/router-types";
import { useTRPC } from "@/lib/trpc";
import { MisCapabilitiesCard, MisSupportCard } from "./mis-capabilities-card";
import { WondeConnectForm } from "./wonde-connect-form";
import { WondeDisconnect } from "./wonde-disconnect";
import { WondeScopesCard } from "./wonde-scopes-card";
import { WondeSyncOptions } from "./wonde-sync-options";

export type WondeSettings = RouterOutputs["wonde"]["settings"];

/**
 * Settings → Wonde connection: connect, or see what is connected and what the MIS and its permissions
 * leave out. `readOnly` (a trust viewer): everything shown, nothing offered to change.
 */
export function WondeConnection({ schoolId, inTrust, readOnly = false }: { schoolId: string; inTrust: boolean; readOnly?: boolean }) {
  const trpc = useTRPC();
  const settings = useQuery(trpc.wonde.settings.queryOptions({ schoolId }));

  if (settings.isPending)
    return (
      <div className="grid gap-4" aria-busy="true">
        <Skeleton className="h-40 w-full" />
        <Skeleton className="h-64 w-full" />
        <span className="sr-only">Loading the Wonde connection…</span>
      </div>
    );
  if (settings.error)
    return (
      <Alert variant="destructive">
        <AlertCircle aria-hidden />
        <AlertTitle>The Wonde connection couldn&apos;t be loaded</AlertTitle>
        <AlertDescription>{settings.error.message}</AlertDescription>
      </Alert>
    );

  const data = settings.data;
  if (!data.connected)
    return (
      <div className="grid gap-6">
        <Card>
          <CardHeader>
            <CardTitle>
              <h2 className="flex items-center gap-2">
                <PlugZap className="size-4" aria-hidden /> Connect Wonde
              </h2>
            </CardTitle>
            <CardDescription>
              Staffroom reads your staff, pupils, classes and subjects from your
              MIS through Wonde. Once your school has approved Staffroom in the
              Wonde portal, enter its Wonde school ID and API token here.
            </CardDescription>
          </CardHeader>
          <CardContent>
            {readOnly ? (
              <p className="text-sm text-muted-foreground">This school isn&apos;t connected to Wonde yet. Its administrators or the trust&apos;s admins can connect it.</p>
            ) : (
              <WondeConnectForm schoolId={schoolId} defaultWondeId={data.wondeId} />
            )}
          </CardContent>
        </Card>
        <MisSupportCard current={null} />
      </div>
    );

  const misName = data.capabilities.mis ?? data.mis ?? "your MIS";
  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Wonde connection</h2>
          </CardTitle>
          <CardDescription>
            Staff, pupils, classes and subjects come from your MIS through
            Wonde.
          </CardDescription>
          <CardAction>
            <Badge variant="secondary">
              <CheckCircle2 aria-hidden /> Connected
            </Badge>
          </CardAction>
        </CardHeader>
        <CardContent className="grid gap-4">
          <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="font-medium">MIS</dt>
            <dd>
              {data.mis ?? (
                <span className="text-muted-foreground">Not known yet</span>
              )}
            </dd>
            <dt className="font-medium">Wonde school ID</dt>
            <dd className="font-mono">{data.wondeId}</dd>
          </dl>
          {!readOnly && (
            <div>
              <WondeDisconnect schoolId={schoolId} misName={misName} />
            </div>
          )}
        </CardContent>
      </Card>
      <WondeSyncOptions schoolId={schoolId} settings={data} misName={misName} inTrust={inTrust} readOnly={readOnly} />
      <MisCapabilitiesCard settings={data} misName={misName} />
      <MisSupportCard current={data.capabilities.mis} />
      <WondeScopesCard settings={data} />
    </div>
  );
}

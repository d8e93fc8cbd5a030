"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { useTRPC } from "@/lib/trpc";
import { SettingSourceNote } from "./setting-source";
import type { WondeSettings } from "./wonde-connection";

type Schedule = WondeSettings["syncSchedule"];
const SCHEDULES: { value: Schedule; label: string; done: string }[] = [
  { value: "off", label: "Off (only when someone presses Sync Data)", done: "Scheduled syncs turned off" },
  { value: "hourly", label: "Hourly", done: "Staffroom will sync every hour" },
  { value: "daily", label: "Daily, early morning (06:00–08:00)", done: "Staffroom will sync every day between 06:00 and 08:00" },
];

/** Photo import and the sync schedule, each saved as soon as it changes. */
export function WondeSyncOptions({ schoolId, settings, misName, inTrust, readOnly = false }: { schoolId: string; settings: WondeSettings; misName: string; inTrust: boolean; readOnly?: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const update = useMutation(
    trpc.wonde.updateSettings.mutationOptions({
      onSuccess: (next) => queryClient.setQueryData(trpc.wonde.settings.queryKey({ schoolId }), next),
      onError: (error) => toast.error("That setting wasn't saved", { description: error.message }),
    }),
  );
  const photosSupported = settings.capabilities.photo;
  const pending = update.isPending ? update.variables : undefined;
  const importPhotos = pending?.importPhotos ?? settings.importPhotos;
  const schedule = pending?.syncSchedule ?? settings.syncSchedule;
  const follow = (setting: "importPhotos" | "syncSchedule") => (readOnly ? undefined : () => update.mutate({ schoolId, [setting]: null }, { onSuccess: () => toast.success("Following the default again") }));

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Sync</h2>
        </CardTitle>
        <CardDescription>How Staffroom keeps up with {misName}. Each change is saved straight away.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <div className="flex items-start justify-between gap-4">
          <div className="grid gap-1">
            <Label htmlFor="import-photos">Import staff photos</Label>
            <p id="import-photos-hint" className="text-sm text-muted-foreground">
              {photosSupported ? "Brings in each member of staff's photo from the MIS on the next sync." : `${misName} doesn't share staff photos through Wonde.`}
            </p>
            <SettingSourceNote
              source={settings.importPhotosSource.source}
              inTrust={inTrust}
              inherited={settings.importPhotosSource.inherited ? "on" : "off"}
              onFollow={follow("importPhotos")}
              pending={update.isPending}
            />
          </div>
          <Switch
            id="import-photos"
            aria-describedby="import-photos-hint"
            checked={importPhotos}
            disabled={!photosSupported || update.isPending || readOnly}
            onCheckedChange={(checked) =>
              update.mutate({ schoolId, importPhotos: checked }, { onSuccess: () => toast.success(checked ? "Staff photos will be imported" : "Staff photos won't be imported") })
            }
          />
        </div>
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="grid gap-1">
            <Label htmlFor="sync-schedule">Sync schedule</Label>
            <p id="sync-schedule-hint" className="text-sm text-muted-foreground">
              Scheduled syncs bring in changes only. Staff are also updated each time they sign in.
            </p>
            <SettingSourceNote
              source={settings.syncScheduleSource.source}
              inTrust={inTrust}
              inherited={SCHEDULES.find((s) => s.value === settings.syncScheduleSource.inherited)?.label.toLowerCase() ?? settings.syncScheduleSource.inherited}
              onFollow={follow("syncSchedule")}
              pending={update.isPending}
            />
          </div>
          <Select
            value={schedule}
            disabled={update.isPending || readOnly}
            onValueChange={(value) => {
              const choice = SCHEDULES.find((s) => s.value === value);
              if (choice) update.mutate({ schoolId, syncSchedule: choice.value }, { onSuccess: () => toast.success(choice.done) });
            }}
          >
            <SelectTrigger id="sync-schedule" aria-label="Sync schedule" aria-describedby="sync-schedule-hint" className="w-full max-w-72">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {SCHEDULES.map((s) => (
                <SelectItem key={s.value} value={s.value}>
                  {s.label}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
      </CardContent>
    </Card>
  );
}

"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { setUpSharedDevice } from "@/app/(app)/settings/pupil-sign-in/actions";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc";

/** Devices where pupils sign in with class → name → pictures. */
export function SharedDeviceCard({ schoolId, isAdmin, deviceReady }: { schoolId: string; isAdmin: boolean; deviceReady: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const devices = useQuery({ ...trpc.pupilSignIn.devices.queryOptions({ schoolId }), enabled: isAdmin });
  const revoke = useMutation(
    trpc.pupilSignIn.revokeDevice.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.pupilSignIn.devices.queryKey({ schoolId }) }),
      onError: (error) => toast.error("The device wasn't removed", { description: error.message }),
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Shared devices</h2>
        </CardTitle>
        <CardDescription>
          Picture passwords work only on a device set up here: pupils choose their class, then their name, then their pictures. Set up each classroom device once, then sign out; pupils go to Pupil sign-in → Sign in with pictures.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {deviceReady && (
          <p role="status" className="font-medium">
            This device is set up. Sign out, then pupils can sign in with pictures here.
          </p>
        )}
        <form action={setUpSharedDevice} className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="schoolId" value={schoolId} />
          <div className="grid gap-2">
            <Label htmlFor="device-label">Name of this device</Label>
            <Input id="device-label" name="label" placeholder="e.g. Class 2 iPad" maxLength={80} required className="w-64 max-w-full" />
          </div>
          <Button type="submit">Set up this device</Button>
        </form>
        {isAdmin && devices.data && devices.data.length > 0 && (
          <ul className="divide-y rounded-md border">
            {devices.data.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
                <span>
                  {d.label} <span className="text-sm text-muted-foreground">{d.lastUsedAt ? `last used ${formatDateTime(d.lastUsedAt)}` : "not used yet"}</span>
                </span>
                <Button type="button" size="sm" variant="outline" disabled={revoke.isPending} onClick={() => revoke.mutate({ schoolId, deviceId: d.id })}>
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

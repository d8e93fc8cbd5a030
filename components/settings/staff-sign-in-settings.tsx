"use client";
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Download } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { useTRPC } from "@/lib/trpc";
import { SettingSourceNote, type SettingSource } from "./setting-source";

/**
 * Staffroom Lite on/off (and whether that is the school's own choice or its trust's default), and
 * the staff usernames + set-up links download. `readOnly` (a trust viewer): shown, not changeable.
 */
export function StaffSignInSettings({
  schoolId,
  liteMode: initial,
  source,
  inTrust,
  readOnly = false,
}: {
  schoolId: string;
  liteMode: boolean;
  source: { source: SettingSource; inherited: boolean };
  inTrust: boolean;
  readOnly?: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [liteMode, setLiteMode] = useState(initial);
  const update = useMutation(
    trpc.schools.setLiteMode.mutationOptions({
      onSuccess: ({ liteMode: on }) => {
        setLiteMode(on);
        toast.success(on ? "Staffroom Lite is on: Google and Microsoft sign-in are off for this school" : "Staffroom Lite is off: Google and Microsoft sign-in are back");
        // The sidebar shows User matching again (or not), and the setting's source is read again.
        router.refresh();
      },
      onError: (error) => toast.error("That setting wasn't saved", { description: error.message }),
    }),
  );
  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Staffroom Lite</h2>
          </CardTitle>
          <CardDescription>For schools that don&apos;t use Google or Microsoft accounts.</CardDescription>
        </CardHeader>
        <CardContent className="flex items-start justify-between gap-4">
          <div className="grid gap-1">
            <Label htmlFor="lite-mode">Use Staffroom Lite</Label>
            <p id="lite-mode-hint" className="text-sm text-muted-foreground">
              Everyone signs in with a Staffroom username or email and password. Google and Microsoft sign-in and User matching are switched off; accounts
              already linked stay linked, unused, and work again if you turn Lite off. After an MIS migration there is no re-matching to do, only credentials to
              re-issue. Changes are recorded in the Activity log.
            </p>
            <SettingSourceNote
              source={source.source}
              inTrust={inTrust}
              inherited={source.inherited ? "on" : "off"}
              onFollow={readOnly ? undefined : () => update.mutate({ schoolId, liteMode: null })}
              pending={update.isPending}
            />
          </div>
          <Switch
            id="lite-mode"
            aria-describedby="lite-mode-hint"
            checked={update.isPending ? (update.variables.liteMode ?? source.inherited) : liteMode}
            disabled={update.isPending || readOnly}
            onCheckedChange={(on) => update.mutate({ schoolId, liteMode: on })}
          />
        </CardContent>
      </Card>
      {/* Downloading makes new set-up links (a change), so it isn't offered to trust viewers. */}
      {!readOnly && (
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Staff usernames and set-up links</h2>
            </CardTitle>
            <CardDescription>
              A spreadsheet (CSV) of every member of staff&apos;s username and, for those who haven&apos;t chosen a password yet, a link to set one (valid for 7 days,
              once). It never contains passwords. Downloading makes new links: links sent earlier by invite email stop working.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <Button asChild variant="outline">
              <a href={`/api/staff-sign-in-links?${new URLSearchParams({ schoolId })}`} download>
                <Download aria-hidden /> Download staff sign-in list
              </a>
            </Button>
          </CardContent>
        </Card>
      )}
    </div>
  );
}

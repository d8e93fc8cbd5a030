"use client";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Loader2 } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/lib/trpc";
import { useReadOnly } from "@/components/layout/read-only";

/** The school's domain allow-list for automatic matching. */
export function DomainsForm({ schoolId }: { schoolId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.matching.getDomains.queryOptions({ schoolId }));
  const readOnly = useReadOnly();
  const [text, setText] = useState<string | null>(null);
  const save = useMutation(
    trpc.matching.setDomains.mutationOptions({
      onSuccess: async ({ domains }) => {
        toast.success(domains.length ? `Automatic matching on for ${domains.join(", ")}` : "Automatic matching is off");
        setText(null);
        await queryClient.invalidateQueries({ queryKey: trpc.matching.pathKey() });
      },
    }),
  );
  const value = text ?? current.data?.domains.join(", ") ?? "";
  return (
    <Card>
      <CardHeader>
        <CardTitle>Automatic matching</CardTitle>
        <CardDescription>
          A Google or Microsoft account whose verified email is a staff member&apos;s work email is linked at its first sign-in, if the email&apos;s
          domain is listed here.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {current.isPending ? (
          <Skeleton className="h-9 w-full" />
        ) : (
          <form
            className="grid gap-2 sm:flex sm:items-end"
            onSubmit={(event) => {
              event.preventDefault();
              save.mutate({ schoolId, domains: value.split(/[\s,;]+/).filter(Boolean) });
            }}
          >
            <div className="grid flex-1 gap-2">
              <Label htmlFor="sso-domains">Email domains</Label>
              <Input
                id="sso-domains"
                value={value}
                placeholder="oakfield.sch.uk"
                readOnly={readOnly}
                onChange={(e) => setText(e.target.value)}
                aria-invalid={save.isError || undefined}
                aria-describedby="sso-domains-help"
              />
            </div>
            {!readOnly && (
              <Button type="submit" disabled={save.isPending}>
                {save.isPending && <Loader2 className="animate-spin" aria-hidden />}
                Save domains
              </Button>
            )}
            <p id="sso-domains-help" className="sr-only">
              Separate several domains with commas.
            </p>
          </form>
        )}
        {save.isError && (
          <p className="mt-2 text-sm text-destructive" role="alert">
            {save.error.message}
          </p>
        )}
      </CardContent>
    </Card>
  );
}

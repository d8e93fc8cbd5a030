"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc";

type Method = "PASSWORD" | "PICTURE" | "BADGE";
const METHODS: { value: Method; label: string }[] = [
  { value: "PASSWORD", label: "Password" },
  { value: "PICTURE", label: "Picture password" },
  { value: "BADGE", label: "QR badge" },
];

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** Year groups × methods, each change saved at once; accounts follow straight away. */
export function PupilSignInSettings({ schoolId }: { schoolId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.pupilSignIn.settings.queryOptions({ schoolId }));
  const save = useMutation(
    trpc.pupilSignIn.setMethods.mutationOptions({
      onSuccess: (counts) => {
        void queryClient.invalidateQueries({ queryKey: trpc.pupilSignIn.pathKey() });
        const changes = [counts.created && `${plural(counts.created, "account")} created`, counts.restored && `${counts.restored} restored`, counts.archived && `${counts.archived} archived`].filter(Boolean);
        toast.success("Pupil sign-in saved", { description: changes.join(", ") || undefined });
      },
      onError: (error) => toast.error("That change wasn't saved", { description: error.message }),
    }),
  );
  const reissueMigration = useMutation(
    trpc.pupilSignIn.reissue.mutationOptions({
      onSuccess: ({ reissued }) => toast.success(`New credentials for ${plural(reissued, "pupil")}`, { description: "Print their login cards: the old ones no longer work." }),
      onError: (error) => toast.error("Credentials weren't re-issued", { description: error.message }),
    }),
  );

  return (
    <>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Year groups</h2>
          </CardTitle>
          <CardDescription>Tick how each year group signs in. A year group with nothing ticked has no pupil accounts. Picture passwords work only on shared devices set up below.</CardDescription>
        </CardHeader>
        <CardContent>
          {settings.isPending ? (
            <Skeleton className="h-40 w-full" />
          ) : settings.data?.length === 0 ? (
            <p className="text-muted-foreground">No pupils yet: sync with the MIS first.</p>
          ) : (
            <div className="overflow-x-auto">
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>Year group</TableHead>
                    <TableHead className="text-right">Pupils</TableHead>
                    {METHODS.map((m) => (
                      <TableHead key={m.value} className="text-center">
                        {m.label}
                      </TableHead>
                    ))}
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {settings.data?.map((year) => (
                    <TableRow key={year.ncYear}>
                      <TableCell className="font-medium">{year.label}</TableCell>
                      <TableCell className="text-right tabular-nums">{year.pupils}</TableCell>
                      {METHODS.map((m) => (
                        <TableCell key={m.value} className="text-center">
                          <Checkbox
                            aria-label={`${year.label}: ${m.label}`}
                            checked={year.methods.includes(m.value)}
                            disabled={save.isPending}
                            onCheckedChange={(checked) =>
                              save.mutate({ schoolId, yearGroups: [{ ncYear: year.ncYear, methods: checked ? [...year.methods, m.value] : year.methods.filter((x) => x !== m.value) }] })
                            }
                          />
                        </TableCell>
                      ))}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>After an MIS migration</h2>
          </CardTitle>
          <CardDescription>
            If the migration report says pupils were created as new (scenario B), give them new credentials here, then print their login cards.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <Button type="button" variant="outline" className="h-auto whitespace-normal py-2 text-left" disabled={reissueMigration.isPending} onClick={() => reissueMigration.mutate({ schoolId, target: { lastMigration: true } })}>
            Re-issue for everyone created by the last migration
          </Button>
        </CardContent>
      </Card>
    </>
  );
}

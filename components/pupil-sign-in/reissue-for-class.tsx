"use client";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useTRPC } from "@/lib/trpc";

/** New credentials for one pupil or a whole class (teachers: the classes they teach). */
export function ReissueForClass({ schoolId, isAdmin }: { schoolId: string; isAdmin: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [classId, setClassId] = useState<string>("");
  const classes = useQuery(trpc.classes.list.queryOptions({ schoolId, page: 1, pageSize: 100 }));
  const pupils = useQuery({ ...trpc.pupilSignIn.accounts.queryOptions({ schoolId, group: { classId } }), enabled: !!classId, retry: false });
  const reissue = useMutation(
    trpc.pupilSignIn.reissue.mutationOptions({
      onSuccess: ({ reissued }) => {
        void queryClient.invalidateQueries({ queryKey: trpc.pupilSignIn.accounts.pathKey() });
        toast.success(`New credentials for ${reissued} ${reissued === 1 ? "pupil" : "pupils"}`, { description: "The old password, pictures and badge stopped working. Print new login cards." });
      },
      onError: (error) => toast.error("Credentials weren't re-issued", { description: error.message }),
    }),
  );

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Re-issue credentials</h2>
        </CardTitle>
        <CardDescription>
          For a lost card or a password someone else has seen. {isAdmin ? "You can do this for any class." : "You can do this for the classes you teach."}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div className="grid max-w-sm gap-2">
          <Label htmlFor="reissue-class">Class</Label>
          <Select value={classId} onValueChange={setClassId}>
            <SelectTrigger id="reissue-class">
              <SelectValue placeholder="Choose a class" />
            </SelectTrigger>
            <SelectContent>
              {classes.data?.rows.map((c) => (
                <SelectItem key={c.id} value={c.id}>
                  {c.name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        {pupils.error && <p role="alert" className="text-destructive">{pupils.error.message}</p>}
        {pupils.data && (
          <>
            {pupils.data.length === 0 ? (
              <p className="text-muted-foreground">No pupil in this class has an account.</p>
            ) : (
              <ul className="divide-y rounded-md border">
                {pupils.data.map((p) => (
                  <li key={p.personId} className="flex flex-wrap items-center justify-between gap-2 p-3">
                    <span>
                      {p.name} <span className="font-mono text-sm text-muted-foreground">{p.username}</span>
                    </span>
                    <Button type="button" size="sm" variant="outline" disabled={reissue.isPending} onClick={() => reissue.mutate({ schoolId, target: { personId: p.personId } })}>
                      Re-issue
                    </Button>
                  </li>
                ))}
              </ul>
            )}
            {pupils.data.length > 0 && (
              <Button type="button" className="justify-self-start" disabled={reissue.isPending} onClick={() => reissue.mutate({ schoolId, target: { classId } })}>
                Re-issue for the whole class
              </Button>
            )}
          </>
        )}
      </CardContent>
    </Card>
  );
}

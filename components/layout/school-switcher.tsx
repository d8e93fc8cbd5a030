"use client";
import { useTransition } from "react";
import { useQuery } from "@tanstack/react-query";
import { switchSchool } from "@/app/(app)/actions";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/lib/trpc";

/** Picks the school the signed-in user is working in; hidden when they have only one. */
export function SchoolSwitcher({ currentSchoolId }: { currentSchoolId: string | null }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions());
  const [pending, startTransition] = useTransition();
  if (me.isPending) return <Skeleton className="h-9 w-full" />;
  const schools = me.data?.schools ?? [];
  if (schools.length === 0) return <p className="px-2 text-sm text-muted-foreground">No school yet</p>;
  if (schools.length === 1)
    return (
      <p className="truncate px-2 text-sm text-muted-foreground group-data-[collapsible=icon]:hidden" data-testid="current-school">
        {schools[0]!.schoolName}
      </p>
    );
  return (
    <div className="group-data-[collapsible=icon]:hidden">
      <Select value={currentSchoolId ?? ""} disabled={pending} onValueChange={(id) => startTransition(() => switchSchool(id))}>
        <SelectTrigger aria-label="School" className="w-full" data-testid="current-school">
          <SelectValue placeholder="Choose a school" />
        </SelectTrigger>
        <SelectContent>
          {schools.map((s) => (
            <SelectItem key={s.schoolId} value={s.schoolId}>
              {s.schoolName}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </div>
  );
}

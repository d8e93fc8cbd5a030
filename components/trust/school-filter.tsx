"use client";
import { useQuery } from "@tanstack/react-query";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useListParams } from "@/components/data-table/use-list-params";
import { useTRPC } from "@/lib/trpc";
import { cn } from "@/lib/utils";

const ALL = "all";
/** The URL parameter the trust views keep their school filter in. */
export const SCHOOL_PARAM = "school";

/** The trust's schools (for names in a School column), and the school the URL filters to. */
export function useTrustSchools() {
  const trpc = useTRPC();
  const { params } = useListParams();
  const schools = useQuery(trpc.trust.schools.queryOptions());
  const chosen = params.get(SCHOOL_PARAM) ?? undefined;
  const names = new Map((schools.data ?? []).map((s) => [s.id, s.name]));
  return { schools: schools.data, schoolId: chosen, nameOf: (id: string | null | undefined) => (id ? (names.get(id) ?? "") : "") };
}

/** "All schools" or one school of the trust, kept in the URL. */
export function SchoolFilter({ className }: { className?: string }) {
  const { schools, schoolId } = useTrustSchools();
  const { setParams } = useListParams();
  return (
    <Select value={schoolId ?? ALL} onValueChange={(value) => setParams({ [SCHOOL_PARAM]: value === ALL ? null : value, page: null })}>
      <SelectTrigger aria-label="School" className={cn("w-full sm:w-56", className)}>
        <SelectValue placeholder="All schools" />
      </SelectTrigger>
      <SelectContent>
        <SelectItem value={ALL}>All schools</SelectItem>
        {(schools ?? []).map((s) => (
          <SelectItem key={s.id} value={s.id}>
            {s.name}
          </SelectItem>
        ))}
        {schoolId && schools && !schools.some((s) => s.id === schoolId) && <SelectItem value={schoolId}>Unknown school</SelectItem>}
      </SelectContent>
    </Select>
  );
}

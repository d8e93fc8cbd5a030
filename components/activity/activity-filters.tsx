"use client";
import { useCallback, type ReactNode } from "react";
import { CalendarClock, Download, X } from "lucide-react";
import { SearchInput } from "@/components/data-table/search-input";
import { Button } from "@/components/ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { formatCalendarDate } from "@/lib/format";
import { ACTIVITY_FILTER_PARAMS, PERSON_KIND_LABELS, PERSON_KINDS, type ActivityFiltersInput } from "@/server/activity/filters";
import type { ListParamPatch } from "@/components/data-table/use-list-params";
import { DateFilter } from "./date-filter";

const ALL = "all";
const SEVERAL = "several";
/**
 * MyLogin's check after an MIS migration: who shows as "User Created" since then. "User Created"
 * is logged once per person, when they first appear in Staffroom; login accounts log "Account Created".
 */
export const MIGRATION_CHECK_ACTION = "User Created";

type Facets = { actions: string[]; actors: string[]; migrationDate?: string | null };

/** A select whose "all" choice clears its URL parameter; a value the choices lack still shows. */
function FilterSelect({ label, value, allLabel, options, onChange, className }: { label: string; value: string | undefined; allLabel: string; options: { value: string; label: string }[]; onChange: (value: string | null) => void; className?: string }) {
  const known = value === undefined || value === SEVERAL || options.some((o) => o.value === value);
  return (
    <Select value={value ?? ALL} onValueChange={(next) => onChange(next === ALL ? null : next)}>
      <SelectTrigger aria-label={label} className={className}>
        <SelectValue placeholder={allLabel} />
      </SelectTrigger>
      <SelectContent>
        <SelectItem value={ALL}>{allLabel}</SelectItem>
        {value === SEVERAL && (
          <SelectItem value={SEVERAL} disabled>
            Several actions
          </SelectItem>
        )}
        {options.map((option) => (
          <SelectItem key={option.value} value={option.value}>
            {option.label}
          </SelectItem>
        ))}
        {!known && <SelectItem value={value}>{value}</SelectItem>}
      </SelectContent>
    </Select>
  );
}

/**
 * The Activity log's toolbar: search, dates, action, person kind, actor, the migration shortcut and the export;
 * `scopeFilter` (the trust's school filter) leads the second row.
 */
export function ActivityFilters({ filters, facets, setParams, exportHref, scopeFilter }: { filters: ActivityFiltersInput; facets: Facets | undefined; setParams: (patch: ListParamPatch) => void; exportHref: string; scopeFilter?: ReactNode }) {
  const onSearch = useCallback((q: string) => setParams({ q }), [setParams]);
  const onFrom = useCallback((from: string) => setParams({ from }), [setParams]);
  const onTo = useCallback((to: string) => setParams({ to }), [setParams]);
  const actions = filters.actions ?? [];
  const migrationDate = facets?.migrationDate ?? null;
  const filtered = Object.values(filters).some((v) => v !== undefined);

  return (
    <div className="mb-3 grid gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <SearchInput label="Search activity" placeholder="Search by person, email or action" value={filters.q ?? ""} onSearch={onSearch} />
        <DateFilter id="activity-from" label="From" value={filters.from ?? ""} max={filters.to} onChange={onFrom} />
        <DateFilter id="activity-to" label="To" value={filters.to ?? ""} min={filters.from} onChange={onTo} />
        <div className="ml-auto flex flex-wrap items-center gap-2">
          {migrationDate && (
            <Button
              variant="outline"
              onClick={() => setParams({ from: migrationDate, to: null, action: MIGRATION_CHECK_ACTION })}
              title={`People first appearing in Staffroom ("${MIGRATION_CHECK_ACTION}") since your MIS migration on ${formatCalendarDate(new Date(migrationDate))}`}
            >
              <CalendarClock aria-hidden /> Since the migration date
            </Button>
          )}
          <Button asChild variant="outline">
            <a href={exportHref} download>
              <Download aria-hidden /> Export CSV
            </a>
          </Button>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {scopeFilter}
        <FilterSelect
          label="Action"
          allLabel="All actions"
          className="w-full sm:w-52"
          value={actions.length > 1 ? SEVERAL : actions[0]}
          options={(facets?.actions ?? []).map((a) => ({ value: a, label: a }))}
          onChange={(action) => setParams({ action })}
        />
        <FilterSelect
          label="Person kind"
          allLabel="Pupils and staff"
          className="w-full sm:w-44"
          value={filters.kind}
          options={PERSON_KINDS.map((k) => ({ value: k, label: k === "PUPIL" ? "Pupils" : PERSON_KIND_LABELS[k] }))}
          onChange={(kind) => setParams({ kind })}
        />
        <FilterSelect
          label="Done by"
          allLabel="Anyone"
          className="w-full sm:w-48"
          value={filters.actor}
          options={(facets?.actors ?? []).map((a) => ({ value: a, label: a }))}
          onChange={(actor) => setParams({ actor })}
        />
        {filtered && (
          <Button variant="ghost" onClick={() => setParams(Object.fromEntries(ACTIVITY_FILTER_PARAMS.map((key) => [key, null])))}>
            <X aria-hidden /> Clear filters
          </Button>
        )}
      </div>
    </div>
  );
}

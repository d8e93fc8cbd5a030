"use client";
// The incident lists' filter fields (a school's book and the trust's list): a labelled choice
// whose "all" clears it, and a labelled date, both kept in the URL by the caller.
import type { ReactNode } from "react";
import { SearchX } from "lucide-react";
import { EmptyState } from "@/components/layout/empty-state";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { INCIDENT_STATUSES, INCIDENT_TYPES, STATUS_LABELS, TYPE_LABELS } from "@/lib/incidents/labels";

const ALL = "all";

export const STATUS_OPTIONS = INCIDENT_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }));
export const TYPE_OPTIONS = INCIDENT_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }));

export function FilterSelect({ id, label, value, options, allLabel, onChange }: { id: string; label: string; value: string | null; options: { value: string; label: string }[]; allLabel: string; onChange: (value: string | null) => void }) {
  return (
    <div className="grid gap-1">
      <Label htmlFor={id} className="text-xs text-muted-foreground">
        {label}
      </Label>
      <Select value={value ?? ALL} onValueChange={(v) => onChange(v === ALL ? null : v)}>
        <SelectTrigger id={id} className="w-full md:w-44">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ALL}>{allLabel}</SelectItem>
          {options.map((o) => (
            <SelectItem key={o.value} value={o.value}>
              {o.label}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </div>
  );
}

export function DateField({ id, label, value, onChange }: { id: string; label: string; value: string | undefined; onChange: (value: string | null) => void }) {
  return (
    <div className="grid gap-1">
      <Label htmlFor={id} className="text-xs text-muted-foreground">
        {label}
      </Label>
      <Input id={id} type="date" className="w-full md:w-40" value={value ?? ""} onChange={(e) => onChange(e.target.value || null)} />
    </div>
  );
}

/** What an incident list shows when its filters match nothing, with the way out. */
export function NoIncidentsMatch({ onClear, children }: { onClear: () => void; children: ReactNode }) {
  return (
    <EmptyState
      icon={SearchX}
      title="No incidents match"
      action={
        <Button variant="outline" onClick={onClear}>
          Clear filters
        </Button>
      }
    >
      {children}
    </EmptyState>
  );
}

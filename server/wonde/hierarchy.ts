/**
 * Line managers from an employee's `hierarchy` include. Wonde does not document the
 * include's shape [?]; two forms are understood:
 *  - entries that are employees with row meta naming the relation
 *    (`{id, …, meta: {role: "Line Manager", start_date, end_date}}`), the pattern Wonde
 *    uses for class membership; an entry without a role is taken as a manager;
 *  - bare references (`{reports_to: id}` or `{line_manager_id: id}`).
 * Only a few MIS share this at all (see mis-capabilities.ts, `reportsTo`).
 */
import type { Employee, HierarchyEntry } from "./schemas";

const MANAGER_ROLE = /manager|reports?\s*to|supervisor/i;

function isCurrent(entry: HierarchyEntry, asOf: string | undefined): boolean {
  if (!asOf || !entry.meta) return true;
  const { start_date: start, end_date: end } = entry.meta;
  return (start === null || start <= asOf) && (end === null || end >= asOf);
}

/** Ids of the employee's line managers; with `asOf` ("YYYY-MM-DD"), only relations current then. */
export function lineManagerIds(employee: Pick<Employee, "hierarchy">, asOf?: string): string[] {
  const ids = new Set<string>();
  for (const entry of employee.hierarchy ?? []) {
    if (!isCurrent(entry, asOf)) continue;
    const explicit = entry.reports_to ?? entry.line_manager_id;
    if (explicit) ids.add(explicit);
    else if (entry.id && (entry.meta?.role == null || MANAGER_ROLE.test(entry.meta.role))) ids.add(entry.id);
  }
  return [...ids];
}

"use client";
import { useCallback, type ComponentProps, type ReactNode } from "react";
import { SearchX } from "lucide-react";
import { EmptyState } from "@/components/layout/empty-state";
import { Button } from "@/components/ui/button";
import { DataTable, DataTableToolbar } from "./data-table";
import { SearchInput } from "./search-input";
import { useListParams } from "./use-list-params";

type SearchableTableProps<Row> = Omit<ComponentProps<typeof DataTable<Row>>, "page" | "onPageChange" | "empty"> & {
  /** The search box's accessible name, e.g. "Search staff". */
  searchLabel: string;
  searchPlaceholder?: string;
  /** Filter controls beside the search box. */
  filters?: ReactNode;
  /** URL parameters the filters use, cleared with the search by "Clear search and filters". */
  filterKeys?: string[];
  /** What the rows are called, e.g. "staff", "pupils". */
  noun: string;
  /** Shown when the list is empty with no search or filter: what to do to fill it. */
  emptyState: ReactNode;
};

/**
 * A list page's body: a debounced search box (and filters) kept in the URL, the table,
 * pagination, and the two kinds of empty ("nothing yet" and "nothing matches").
 */
export function SearchableTable<Row>({ searchLabel, searchPlaceholder, filters, filterKeys = [], noun, emptyState, ...table }: SearchableTableProps<Row>) {
  const { params, setParams, page, search } = useListParams();
  const onSearch = useCallback((q: string) => setParams({ q, page: null }), [setParams]);
  const filtered = Boolean(search) || filterKeys.some((key) => params.has(key));
  const clear = () => setParams({ q: null, page: null, ...Object.fromEntries(filterKeys.map((key) => [key, null])) });

  const noMatches = (
    <EmptyState
      icon={SearchX}
      title={`No ${noun} match`}
      action={
        <Button variant="outline" onClick={clear}>
          Clear search{filterKeys.length ? " and filters" : ""}
        </Button>
      }
    >
      {search ? <>Nothing matches &ldquo;{search}&rdquo;{filterKeys.some((key) => params.has(key)) ? " with these filters" : ""}.</> : <>Nothing matches these filters.</>} Check the
      spelling, or try a shorter search.
    </EmptyState>
  );

  return (
    <>
      <DataTableToolbar>
        <SearchInput label={searchLabel} placeholder={searchPlaceholder} value={search} onSearch={onSearch} />
        {filters}
      </DataTableToolbar>
      <DataTable {...table} page={page} onPageChange={(next) => setParams({ page: next === 1 ? null : next })} empty={filtered ? noMatches : emptyState} />
    </>
  );
}

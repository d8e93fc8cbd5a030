"use client";
import { ChevronDown, RefreshCw } from "lucide-react";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDateTime } from "@/lib/format";
import { cn } from "@/lib/utils";
import { useSync } from "./sync-context";

/** "Sync Data" (an incremental sync), with a full sync one click away, and when the last one finished. */
export function SyncDataButton() {
  const { active, starting, start, lastSucceededAt, isLoading, timezone } = useSync();
  const busy = active || starting;
  return (
    <div className="flex flex-col items-start gap-1 sm:items-end">
      <div className="flex">
        <Button onClick={() => start("incremental")} disabled={busy} className="rounded-r-none" aria-describedby="last-synced">
          <RefreshCw className={cn(busy && "animate-spin")} aria-hidden />
          Sync Data
        </Button>
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button disabled={busy} size="icon" className="rounded-l-none border-l border-primary-foreground/20" aria-label="More sync options">
              <ChevronDown aria-hidden />
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="end" className="w-64">
            <DropdownMenuLabel>Sync options</DropdownMenuLabel>
            <DropdownMenuItem onSelect={() => start("incremental")}>
              <span className="grid">
                <span>Sync changes</span>
                <span className="text-xs text-muted-foreground">Only what changed since the last sync</span>
              </span>
            </DropdownMenuItem>
            <DropdownMenuSeparator />
            <DropdownMenuItem onSelect={() => start("full")}>
              <span className="grid">
                <span>Full sync</span>
                <span className="text-xs text-muted-foreground">Re-read everyone from your MIS (slower)</span>
              </span>
            </DropdownMenuItem>
          </DropdownMenuContent>
        </DropdownMenu>
      </div>
      {/* A div, not a p: the loading skeleton is a div, which a p can't contain. */}
      <div id="last-synced" className="text-xs text-muted-foreground">
        {isLoading ? (
          <Skeleton className="h-3 w-36" />
        ) : lastSucceededAt ? (
          <>
            Last synced <time dateTime={lastSucceededAt.toISOString()}>{formatDateTime(lastSucceededAt, timezone)}</time>
          </>
        ) : (
          "Not synced yet"
        )}
      </div>
    </div>
  );
}

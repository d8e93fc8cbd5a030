"use client";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { notifyManager, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { useTRPC } from "@/lib/trpc";
import { hasWarnings, isActive, summariseCounts, type SyncRun, type SyncStatus } from "./run-shape";

type SyncMode = "full" | "incremental";

type SyncState = {
  schoolId: string;
  timezone: string;
  /** The run on screen: the one started here, else the school's latest. */
  run: SyncRun | null;
  lastSucceededAt: Date | null;
  /** Records the sync could not read and is skipping until they can be read. */
  quarantine: SyncStatus["quarantine"];
  isLoading: boolean;
  /** A run is queued or running (started here, elsewhere, or by the schedule), or its lists are still being refetched. */
  active: boolean;
  /** The watched run has ended and the lists it changed are being refetched; "finished" waits for them. */
  refreshing: boolean;
  /** "Sync Data" was pressed and the server has not answered yet. */
  starting: boolean;
  startError: string | null;
  /** Whether the run on screen was watched from this page, so its outcome belongs inline. */
  watched: boolean;
  start: (mode: SyncMode) => void;
  /** Follows a run started elsewhere on the page (e.g. the sync after applying a migration), however quickly it ends. */
  follow: (runId: string) => void;
};

const SyncContext = createContext<SyncState | null>(null);

export function useSync(): SyncState {
  const state = useContext(SyncContext);
  if (!state) throw new Error("useSync() needs a <SyncProvider> around it.");
  return state;
}

/**
 * Starts a sync and follows it: polls the run every second while it is queued or running
 * (also one already running when the page opened), then announces the outcome and refreshes
 * the lists it changed.
 */
export function SyncProvider({ schoolId, timezone, children }: { schoolId: string; timezone: string; children: ReactNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [runId, setRunId] = useState<string | undefined>(undefined);
  const [watchedId, setWatchedId] = useState<string | null>(null);

  const status = useQuery(
    trpc.sync.status.queryOptions(
      { schoolId, runId },
      { refetchInterval: (query) => (isActive(query.state.data?.run) ? 1000 : false), placeholderData: (previous) => previous, staleTime: 0 },
    ),
  );
  const run = status.data?.run ?? null;
  const running = isActive(run);
  // A run found running when the page opened is followed like one started here.
  if (run && running && watchedId !== run.id) setWatchedId(run.id);
  const [refreshedId, setRefreshedId] = useState<string | null>(null);
  const refreshing = run !== null && !running && run.id === watchedId && refreshedId !== run.id;

  const startSync = useMutation(
    trpc.sync.start.mutationOptions({
      onSuccess: ({ runId: started, alreadyRunning }) => {
        setRunId(started);
        setWatchedId(started);
        if (alreadyRunning) toast.info("A sync is already running, so you're seeing its progress.");
      },
      onError: (error) => toast.error("The sync couldn't start", { description: error.message }),
    }),
  );

  // When a watched run ends: refetch every list it may have changed, and only then say how it
  // went, so "Sync finished" never sits beside a list that still shows the old state.
  const announced = useRef<string | null>(null);
  useEffect(() => {
    if (!run || run.id !== watchedId || isActive(run) || announced.current === run.id) return;
    announced.current = run.id;
    const ended = run;
    const areas = [trpc.staff, trpc.pupils, trpc.classes, trpc.matching, trpc.users, trpc.activity, trpc.migration, trpc.incidents];
    // invalidateQueries resolves once the lists on screen have been refetched (or failed to
    // be); notifyManager.schedule then runs after the lists have been handed their new data.
    void Promise.all([...areas.map((area) => queryClient.invalidateQueries(area.pathFilter())), queryClient.invalidateQueries(trpc.sync.status.pathFilter())]).then(() => notifyManager.schedule(() => {
      router.refresh();
      setRefreshedId(ended.id);
      if (hasWarnings(ended)) toast.warning("Synced with warnings", { description: `${ended.quarantined} record${ended.quarantined === 1 ? "" : "s"} could not be read and ${ended.quarantined === 1 ? "was" : "were"} skipped. ${summariseCounts(ended)}` });
      else if (ended.status === "SUCCEEDED") toast.success("Sync finished", { description: summariseCounts(ended) });
      else if (ended.status === "PAUSED") toast.warning("The sync is paused", { description: ended.error ?? undefined, action: { label: "Open Migration", onClick: () => router.push("/migration") } });
      else toast.error("The sync didn't finish", { description: ended.error ?? "Something went wrong while reading your MIS.", action: { label: "Open Settings", onClick: () => router.push("/settings") } });
    }));
  }, [run, watchedId, queryClient, router, trpc]);

  const value: SyncState = {
    schoolId,
    timezone,
    run,
    lastSucceededAt: status.data?.lastSucceededAt ?? null,
    quarantine: status.data?.quarantine ?? { rows: [], total: 0 },
    isLoading: status.isPending,
    active: running || refreshing,
    refreshing,
    starting: startSync.isPending,
    startError: startSync.error?.message ?? null,
    watched: run !== null && run.id === watchedId,
    start: (mode) => startSync.mutate({ schoolId, mode }),
    follow: (id) => {
      setRunId(id);
      setWatchedId(id);
    },
  };
  return <SyncContext.Provider value={value}>{children}</SyncContext.Provider>;
}

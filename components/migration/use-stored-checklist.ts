"use client";
import { useCallback, useSyncExternalStore } from "react";

const EVENT = "staffroom:checklist";

function read(key: string): string[] {
  try {
    const value: unknown = JSON.parse(window.localStorage.getItem(key) ?? "[]");
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

function subscribe(onChange: () => void) {
  window.addEventListener("storage", onChange);
  window.addEventListener(EVENT, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(EVENT, onChange);
  };
}

/** Which items of a checklist are ticked, kept in this browser so the list can be left and come back to. */
export function useStoredChecklist(key: string) {
  // The snapshot is the raw string, so React compares it by value.
  const raw = useSyncExternalStore(
    subscribe,
    () => window.localStorage.getItem(key) ?? "[]",
    () => "[]",
  );
  const ticked = new Set<string>(raw === "[]" ? [] : read(key));
  const toggle = useCallback(
    (item: string, on: boolean) => {
      const next = new Set(read(key));
      if (on) next.add(item);
      else next.delete(item);
      window.localStorage.setItem(key, JSON.stringify([...next]));
      window.dispatchEvent(new Event(EVENT));
    },
    [key],
  );
  return { ticked, toggle };
}

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False in the server render and until React has hydrated the page. Forms
 * that submit through JavaScript keep their submit button disabled until
 * then, so an early click can't fall through to a plain page reload.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

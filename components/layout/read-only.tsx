"use client";
import { createContext, useContext, type ReactNode } from "react";

// A trust viewer (health & safety leads) sees every page of the trust's schools but changes
// nothing: the pages leave out the buttons and forms that would be refused.
const ReadOnlyContext = createContext(false);

export function ReadOnlyProvider({ readOnly, children }: { readOnly: boolean; children: ReactNode }) {
  return <ReadOnlyContext.Provider value={readOnly}>{children}</ReadOnlyContext.Provider>;
}

/** Whether the signed-in user only reads at the current school (a trust viewer). */
export const useReadOnly = () => useContext(ReadOnlyContext);

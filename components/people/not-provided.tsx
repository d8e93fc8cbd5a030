import type { ReactNode } from "react";

/** In place of a blank: the school's MIS does not share this field through Wonde. */
export function NotProvided({ mis }: { mis: string }) {
  return <span className="text-muted-foreground">Not provided by {mis}</span>;
}

/** A value the MIS could share but left empty for this person. */
export function NotRecorded({ children = "Not recorded" }: { children?: ReactNode }) {
  return <span className="text-muted-foreground">{children}</span>;
}

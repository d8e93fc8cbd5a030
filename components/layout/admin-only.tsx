import { ShieldCheck } from "lucide-react";
import { EmptyState } from "./empty-state";

/** What a member of staff sees on a page only administrators use. */
export function AdminOnly({ what }: { what: string }) {
  return (
    <EmptyState icon={ShieldCheck} title="Only administrators can see this">
      Only your school&apos;s Staffroom administrators can {what}. If you need something changed, please ask one of them.
    </EmptyState>
  );
}

import { School } from "lucide-react";
import { EmptyState } from "./empty-state";

/** For a signed-in user who is not linked to any school yet. */
export function NoSchool({ email }: { email: string }) {
  return (
    <EmptyState icon={School} title="You're not linked to a school yet">
      Ask your school&apos;s Staffroom administrator to add {email} to the school.
    </EmptyState>
  );
}

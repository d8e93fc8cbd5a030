import { FileQuestion } from "lucide-react";
import { NotFoundState } from "@/components/layout/not-found-state";

/** A page inside the signed-in area that doesn't exist (notFound() from a page): the shell stays, with a way back. */
export default function SignedInNotFound() {
  return (
    <NotFoundState heading="Page not found" title="Nothing here" icon={FileQuestion} backHref="/" backLabel="Go to the dashboard">
      There&apos;s nothing at this address. It may have been mistyped, or belong to another school.
    </NotFoundState>
  );
}

import Link from "next/link";
import { FileQuestion } from "lucide-react";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";

/** A page inside the signed-in area that doesn't exist (notFound() from a page): the shell stays, with a way back. */
export default function SignedInNotFound() {
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState
        icon={FileQuestion}
        title="Nothing here"
        action={
          <Button asChild>
            <Link href="/">Go to the dashboard</Link>
          </Button>
        }
      >
        There&apos;s nothing at this address. It may have been mistyped, or belong to another school.
      </EmptyState>
    </>
  );
}

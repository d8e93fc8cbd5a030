import type { Metadata } from "next";
import Link from "next/link";
import { StandaloneMessage } from "@/components/layout/standalone-message";
import { Button } from "@/components/ui/button";

export const metadata: Metadata = { title: "Page not found" };

/** Any address that matches no page, signed in or not. */
export default function NotFound() {
  return (
    <StandaloneMessage
      title="Page not found"
      actions={
        <>
          <Button asChild size="lg">
            <Link href="/">Go to the dashboard</Link>
          </Button>
          <Button asChild size="lg" variant="outline">
            <Link href="/sign-in">Sign in</Link>
          </Button>
        </>
      }
    >
      There&apos;s no page at this address. The link may be mistyped, or the page may have moved.
    </StandaloneMessage>
  );
}

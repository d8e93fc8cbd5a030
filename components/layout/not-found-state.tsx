import Link from "next/link";
import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";

/** Inside the signed-in shell: a page or record that isn't there, with one way back. */
export function NotFoundState(props: { heading: string; title: string; icon: LucideIcon; backHref: string; backLabel: string; children: ReactNode }) {
  return (
    <>
      <PageHeader title={props.heading} />
      <EmptyState
        icon={props.icon}
        title={props.title}
        action={
          <Button asChild>
            <Link href={props.backHref}>{props.backLabel}</Link>
          </Button>
        }
      >
        {props.children}
      </EmptyState>
    </>
  );
}

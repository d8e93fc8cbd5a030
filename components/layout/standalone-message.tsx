import type { ReactNode } from "react";
import { Brand } from "@/components/layout/brand";

/**
 * A whole-page message outside the signed-in shell (page not found, something went wrong).
 * Plain markup with no client code, so the root error boundary that uses it stays light.
 */
export function StandaloneMessage({ title, children, actions }: { title: string; children: ReactNode; actions: ReactNode }) {
  return (
    <main id="main" className="flex min-h-screen items-center justify-center bg-muted/40 p-4">
      <div className="grid w-full max-w-md gap-6 rounded-xl border bg-card p-6 text-center shadow-sm sm:p-8">
        <Brand />
        <div className="grid gap-2">
          <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
          <p className="text-sm text-muted-foreground">{children}</p>
        </div>
        <div className="flex flex-col gap-2 sm:flex-row sm:justify-center">{actions}</div>
      </div>
    </main>
  );
}

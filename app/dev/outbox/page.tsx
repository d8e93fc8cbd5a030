import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Inbox } from "lucide-react";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { formatDateTime } from "@/lib/format";
import { cn } from "@/lib/utils";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { readOutbox } from "@/server/mail/outbox";
import { usesDevOutbox } from "@/server/mail/transport";

export const metadata: Metadata = { title: "Dev outbox", robots: { index: false } };
export const dynamic = "force-dynamic";

/**
 * Development only (no RESEND_API_KEY, not production): the emails the app
 * would have sent, so a newcomer can follow reset and invite links. Readable
 * without signing in (that is the point of a reset link), hence never in production.
 */
export default async function DevOutboxPage({ searchParams }: { searchParams: Promise<{ id?: string }> }) {
  if (!usesDevOutbox() || env.NODE_ENV === "production") notFound();
  const { emails, selected } = await readOutbox(db, (await searchParams).id);
  return (
    <main className="mx-auto max-w-6xl p-4 md:p-8">
      <PageHeader title="Dev outbox" description="Emails Staffroom would have sent. Set RESEND_API_KEY to send real email instead." />
      {emails.length === 0 ? (
        <EmptyState icon={Inbox} title="No emails yet">
          Use Forgot password on the sign-in page, or send an invite from Settings → Users and roles, and the email appears here.
        </EmptyState>
      ) : (
        <div className="grid gap-4 md:grid-cols-[18rem_1fr]">
          <nav aria-label="Emails" className="grid content-start gap-1">
            {emails.map((email) => (
              <Link
                key={email.id}
                href={`/dev/outbox?id=${email.id}`}
                aria-current={email.id === selected?.id ? "true" : undefined}
                className={cn("rounded-md border p-3 text-sm hover:bg-muted", email.id === selected?.id && "bg-muted")}
              >
                <span className="block font-medium">{email.subject}</span>
                <span className="block text-muted-foreground">{email.to}</span>
                <time className="block text-xs text-muted-foreground" dateTime={email.createdAt.toISOString()}>
                  {formatDateTime(email.createdAt)}
                </time>
              </Link>
            ))}
          </nav>
          {selected && (
            <section aria-label="Selected email" className="grid gap-2">
              <p className="text-sm">
                To <strong>{selected.to}</strong>: {selected.subject}
              </p>
              {/* Sandboxed: the email's HTML can't run script or reach the app; links open in the whole tab. */}
              <iframe
                title={`Email: ${selected.subject}`}
                sandbox="allow-popups allow-top-navigation-by-user-activation"
                srcDoc={`<base target="_top">${selected.html}`}
                className="h-[36rem] w-full rounded-md border bg-white"
              />
              <details className="text-sm">
                <summary className="cursor-pointer">Plain-text version</summary>
                <pre className="mt-2 whitespace-pre-wrap rounded-md border p-3">{selected.text}</pre>
              </details>
            </section>
          )}
        </div>
      )}
    </main>
  );
}

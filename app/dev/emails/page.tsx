import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { createElement } from "react";
import { render } from "@react-email/components";
import { PageHeader } from "@/components/layout/page-header";
import { EMAIL_TEMPLATES } from "@/emails/templates";
import { env } from "@/server/env";

export const metadata: Metadata = { title: "Email templates", robots: { index: false } };
export const dynamic = "force-dynamic";

const WIDTHS = [390, 1280] as const;

/** Development only: every email template with its example content, as a phone and a desktop show it. */
export default async function EmailTemplatesPage() {
  if (env.NODE_ENV === "production") notFound();
  const templates = await Promise.all(
    EMAIL_TEMPLATES.map(async ({ name, component, previewProps }) => {
      const element = createElement(component as never, previewProps as never);
      return { name, html: await render(element), text: await render(element, { plainText: true }) };
    }),
  );
  return (
    <main className="mx-auto max-w-6xl p-4 md:p-8">
      <PageHeader title="Email templates" description="Each email with example content, 390 px (a phone) and 1280 px wide. Templates are in emails/." />
      <p className="mb-6 text-sm">
        <Link href="/dev/outbox" className="underline underline-offset-4">
          Dev outbox
        </Link>{" "}
        shows the emails the app has actually sent.
      </p>
      <div className="grid gap-10">
        {templates.map(({ name, html, text }) => (
          <section key={name} aria-labelledby={`template-${name}`} className="grid gap-3">
            <h2 id={`template-${name}`} className="text-lg font-semibold">
              {name}
            </h2>
            {/* The 1280 px frame scrolls inside this box; the page itself never gets wider than the screen. */}
            <div className="flex gap-4 overflow-x-auto pb-2">
              {WIDTHS.map((width) => (
                <figure key={width} className="shrink-0">
                  <figcaption className="mb-1 text-sm text-muted-foreground">{width} px</figcaption>
                  {/* Sandboxed, as in the outbox: the email's HTML can't run script or reach the app. */}
                  <iframe title={`${name} at ${width} px`} sandbox="" srcDoc={html} style={{ width }} className="h-[40rem] rounded-md border bg-white" />
                </figure>
              ))}
            </div>
            <details className="text-sm">
              <summary className="cursor-pointer">Plain-text version</summary>
              <pre className="mt-2 whitespace-pre-wrap rounded-md border p-3">{text}</pre>
            </details>
          </section>
        ))}
      </div>
    </main>
  );
}

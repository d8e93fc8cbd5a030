import type { Metadata } from "next";
import type { ReactNode } from "react";
import { headers } from "next/headers";
import { GeistSans } from "geist/font/sans";
import { GeistMono } from "geist/font/mono";
import { ThemeProvider } from "@/components/providers/theme-provider";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Staffroom", template: "%s · Staffroom" },
  description: "Staff, pupils, incidents and MIS sync for UK schools and trusts.",
  manifest: "/manifest.webmanifest",
  icons: { icon: [{ url: "/favicon.svg", type: "image/svg+xml" }, { url: "/icon-192.png", sizes: "192x192", type: "image/png" }], apple: "/apple-touch-icon.png" },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // proxy.ts makes a CSP nonce per request; the theme script needs it to run.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en-GB" className={`${GeistSans.variable} ${GeistMono.variable}`} suppressHydrationWarning>
      <body className="min-h-screen font-sans antialiased">
        {/* Only the theme here: the tRPC/Query providers, the toaster and the app shell belong to
            the signed-in layout, so the sign-in page loads none of them. */}
        <ThemeProvider nonce={nonce}>
          {children}
        </ThemeProvider>
      </body>
    </html>
  );
}

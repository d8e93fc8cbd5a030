"use client";
import type { ReactNode } from "react";
import { ThemeProvider as NextThemesProvider } from "next-themes";

// next-themes renders an inline <script> that sets the theme before the page paints. It runs
// from the server's HTML; when React creates the provider afresh in the browser (a provider
// in a route-group layout, a not-found page) it warns "Encountered a script tag while
// rendering React component". A non-JavaScript type in the browser makes it a data block,
// which React leaves alone; the server's copy keeps its normal type and still runs.
const scriptProps = typeof window === "undefined" ? undefined : { type: "text/plain" };

/** Light, dark or the system's theme, as a class on <html>. */
export function ThemeProvider({ children, nonce }: { children: ReactNode; nonce?: string }) {
  return (
    <NextThemesProvider nonce={nonce} attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange scriptProps={scriptProps}>
      {children}
    </NextThemesProvider>
  );
}

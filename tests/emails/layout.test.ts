// Every email fits a phone: each template, rendered as it is sent, is laid out by Chromium in a
// 390 px and a 320 px wide viewport and must not scroll sideways. Needs Chromium (`npm test`
// finds or installs it; see scripts/chromium.mjs).
import { render } from "@react-email/components";
import { chromium, type Browser } from "playwright-core";
import { createElement } from "react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMAIL_TEMPLATES } from "@/emails/templates";
import { findChromium } from "@/scripts/chromium.mjs";

let browser: Browser;
beforeAll(async () => {
  const executablePath = findChromium();
  if (!executablePath) throw new Error("Chromium not found: install it (apt-get install chromium) or set CHROMIUM_PATH.");
  browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
});
afterAll(async () => {
  await browser?.close();
});

describe.each(EMAIL_TEMPLATES)("the $name email", ({ component, previewProps }) => {
  it.each([390, 320])("fits a %i px wide screen without scrolling sideways", async (width) => {
    const html = await render(createElement(component as never, previewProps as never));
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    try {
      await page.setContent(html);
      const { scrollWidth, widest } = await page.evaluate(() => {
        // The element reaching furthest right, for a useful failure message.
        let widest = { right: 0, element: "" };
        for (const element of document.body.querySelectorAll("*")) {
          const right = Math.ceil(element.getBoundingClientRect().right);
          if (right > widest.right) widest = { right, element: element.outerHTML.slice(0, 120) };
        }
        return { scrollWidth: document.documentElement.scrollWidth, widest };
      });
      expect(scrollWidth, `widest: ${widest.right} px, ${widest.element}`).toBeLessThanOrEqual(width);
    } finally {
      await page.close();
    }
  });

  it("has a plain-text twin with the same link", async () => {
    const text = await render(createElement(component as never, previewProps as never), { plainText: true });
    const link = Object.values(previewProps).find((value) => typeof value === "string" && value.startsWith("http"));
    expect(text).toContain(link);
    expect(text).not.toMatch(/<[a-z]/i);
  });
});

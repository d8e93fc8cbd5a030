// Draws the app icons in public/ from public/favicon.svg with Chromium (the one the e2e tests
// use), so the PNGs never drift from the SVG. Run after changing the SVG:
//   npx tsx scripts/generate-icons.ts
import { readFile } from "node:fs/promises";
import { chromium } from "@playwright/test";

const PUBLIC = new URL("../public/", import.meta.url);
const svg = await readFile(new URL("favicon.svg", PUBLIC), "utf8");
// A maskable icon is cropped to a circle or squircle by the phone: full-bleed background,
// the mark inside the middle 80%.
const maskable = svg.replace(/<rect [^>]*\/>/, '<rect width="32" height="32" fill="#171717"/>');

const icons = [
  { file: "icon-192.png", size: 192, svg },
  { file: "icon-512.png", size: 512, svg },
  { file: "icon-maskable-512.png", size: 512, svg: maskable },
  { file: "apple-touch-icon.png", size: 180, svg: maskable },
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
try {
  const page = await browser.newPage();
  for (const icon of icons) {
    await page.setViewportSize({ width: icon.size, height: icon.size });
    const sized = icon.svg.replace("<svg ", `<svg width="${icon.size}" height="${icon.size}" `);
    await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
    await page.screenshot({ path: new URL(icon.file, PUBLIC).pathname, omitBackground: true, clip: { x: 0, y: 0, width: icon.size, height: icon.size } });
    console.log(`public/${icon.file} (${icon.size} × ${icon.size})`);
  }
} finally {
  await browser.close();
}

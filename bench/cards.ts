// `npm run bench:cards`: how long the login cards PDF takes for a 2,000-pupil school, and whether
// memory stays flat while it streams (the goal: under 10 s, and about the same RSS after 500
// cards as after 2,000). Cards are made up (half password, half picture password, all with a
// QR badge) and the PDF goes to a byte counter, so only the rendering is measured. Not a test:
// figures depend on the machine's load. PUPILS (2000) and CARDS_PER_PAGE (10) change the run.
import { loginCardsPdfChunks } from "../server/accounts/cards-pdf";
import type { LoginCard } from "../server/accounts/login-card";
import { PICTURE_GRID as PICTURES } from "../server/accounts/secrets";

const PUPILS = Number(process.env.PUPILS ?? 2000);
const CARDS_PER_PAGE = process.env.CARDS_PER_PAGE === "8" ? 8 : 10;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

let made = 0;
async function* cards(): AsyncGenerator<LoginCard> {
  for (let i = 0; i < PUPILS; i++) {
    made = i + 1;
    yield {
      personId: `bench-${i}`,
      name: `Pupil ${i} Surname-Longer`,
      group: `Year ${7 + (i % 5)}`,
      username: `pupil.${i.toString(36)}k7`,
      password: i % 2 ? "apple river cloud 42" : null,
      pictureSequence: i % 2 ? null : [0, 3, 7, 11].map((k) => PICTURES[(i + k) % 16]!),
      badgeUrl: `https://staffroom.example.org/sign-in/badge/${Buffer.from(`secret-${i}`).toString("base64url").padEnd(43, "x")}`,
    };
  }
}

const rssAt = new Map<number, number>();
let peak = process.memoryUsage.rss();
let bytes = 0;
const started = performance.now();
let firstByteMs: number | null = null;
for await (const chunk of loginCardsPdfChunks(cards(), { cardsPerPage: CARDS_PER_PAGE })) {
  firstByteMs ??= performance.now() - started;
  bytes += chunk.byteLength;
  const rss = process.memoryUsage.rss();
  peak = Math.max(peak, rss);
  for (const mark of [500, 1000, 1500, 2000]) if (made >= mark && !rssAt.has(mark)) rssAt.set(mark, rss);
}
const seconds = (performance.now() - started) / 1000;
console.log(`login cards: ${PUPILS} pupils, ${CARDS_PER_PAGE} a page, ${Math.ceil(PUPILS / CARDS_PER_PAGE)} pages, ${mb(bytes)} of PDF`);
console.log(`time: ${seconds.toFixed(2)} s (goal < 10 s), first bytes after ${firstByteMs?.toFixed(0)} ms`);
console.log(`RSS: ${[...rssAt].map(([n, rss]) => `${mb(rss)} at ${n}`).join(", ")}; peak ${mb(peak)}`);

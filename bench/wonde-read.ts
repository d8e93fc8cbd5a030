/**
 * Wonde read benchmark: reads the largest demo school fully through the production
 * client, against the emulator, and prints pages/s, records/s and peak RSS.
 *
 *   npx tsx bench/wonde-read.ts [--concurrency 4] [--per-page 200]
 *
 * The emulator runs in a child process so the RSS measured here is the client's
 * (plus Node itself), not the emulator's synthetic data.
 */
import { createWondeClient, type Page } from "../server/wonde";
import { startChildEmulator } from "./child-emulator";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) ? v : fallback;
}

async function main() {
  const concurrency = arg("concurrency", 4);
  const perPage = arg("per-page", 200);
  const { url, stop } = await startChildEmulator();
  const client = createWondeClient({ baseUrl: url, token: "demo", maxConcurrency: concurrency });

  // Pick the largest school (the ~2,000-pupil one) by its student count.
  const schools: Array<{ id: string; name: string; mis: string | null }> = [];
  for await (const page of client.schools()) schools.push(...page.data);
  const sized = await Promise.all(schools.map(async (s) => ({ ...s, students: (await client.counts(s.id)).students ?? 0 })));
  sized.sort((a, b) => b.students - a.students);
  const school = sized[0];
  if (!school) throw new Error("the emulator lists no schools for token demo");

  global.gc?.();
  const baselineRss = process.memoryUsage().rss;
  let peakRss = baselineRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 5);

  const totals = { pages: 0, records: 0 };
  const perEndpoint: Record<string, { pages: number; records: number; ms: number }> = {};
  async function drain<T>(label: string, pages: AsyncIterable<Page<T>>) {
    const started = performance.now();
    const stats = { pages: 0, records: 0, ms: 0 };
    for await (const page of pages) {
      stats.pages++;
      stats.records += page.data.length;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
    stats.ms = performance.now() - started;
    perEndpoint[label] = stats;
    totals.pages += stats.pages;
    totals.records += stats.records;
  }

  const started = performance.now();
  // The four lists run side by side, as a sync would; the per-school limit caps requests.
  await Promise.all([
    drain("students", client.students(school.id, { include: ["education_details", "contacts", "contacts.contact_details"], perPage })),
    drain("contacts", client.contacts(school.id, { include: ["contact_details"], perPage })),
    drain("employees", client.employees(school.id, {
      include: ["employment_details", "contact_details", "roles", "photo", "classes", "classes.subject", "hierarchy", "next_of_kin"],
      perPage,
    })),
    drain("classes", client.classes(school.id, { include: ["subject", "employees"], perPage })),
  ]);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  stop();

  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  console.log(`school ${school.id} "${school.name}" (${school.mis ?? "?"}), ${school.students} pupils; per_page ${perPage}, concurrency ${concurrency}`);
  for (const [label, s] of Object.entries(perEndpoint)) {
    console.log(`  ${label.padEnd(10)} ${String(s.pages).padStart(4)} pages ${String(s.records).padStart(6)} records ${(s.ms / 1000).toFixed(2)} s`);
  }
  console.log(`total      ${totals.pages} pages, ${totals.records} records in ${seconds.toFixed(2)} s`);
  console.log(`throughput ${(totals.pages / seconds).toFixed(1)} pages/s, ${Math.round(totals.records / seconds)} records/s`);
  console.log(`RSS        baseline ${mb(baselineRss)}, peak ${mb(peakRss)} (+${mb(peakRss - baselineRss)})`);
}

await main();

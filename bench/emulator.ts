/**
 * Emulator benchmark (not a test): generation time of the 2,000-pupil school and response
 * throughput for its heaviest pages, over loopback only, bounded in count. The emulator runs
 * in a child process so the client's JSON parsing does not share its CPU.
 *
 *   npx tsx bench/emulator.ts [--requests 400] [--concurrency 4]
 */
import { fork } from "node:child_process";
import { Agent, request } from "node:http";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { RIVERSIDE_ID } from "../emulator/schools";
import { startEmulator } from "../emulator/server";
import { EmulatorState } from "../emulator/store";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "400" },
    concurrency: { type: "string", default: "4" },
    serve: { type: "boolean", default: false },
  },
});

if (values.serve) {
  const emulator = await startEmulator({ port: 0, seed: "bench" });
  emulator.state.school(RIVERSIDE_ID);
  process.send?.({ url: emulator.url });
  process.on("disconnect", () => void emulator.close().finally(() => process.exit(0)));
} else {
  await main();
}

async function main() {
  const total = Math.min(5000, Number(values.requests));
  const concurrency = Math.min(32, Number(values.concurrency));

  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    new EmulatorState({ seed: `bench-${i}` }).school(RIVERSIDE_ID);
    runs.push(performance.now() - started);
  }
  console.log(`generate ${RIVERSIDE_ID} (2,000 pupils): ${runs.map((ms) => ms.toFixed(0)).join(", ")} ms`);

  const child = fork(fileURLToPath(import.meta.url), ["--serve"], { execArgv: ["--import", "tsx"] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("message", (m) => resolve((m as { url: string }).url));
    child.once("exit", (code) => reject(new Error(`emulator exited early (${code})`)));
  });
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

  function get(path: string): Promise<{ bytes: number; records: number }> {
    return new Promise((resolve, reject) => {
      const req = request(`${url}${path}`, { agent, headers: { authorization: "Bearer demo" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const body = Buffer.concat(chunks);
          resolve({ bytes: body.length, records: (JSON.parse(body.toString()) as { data: unknown[] }).data.length });
        });
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end();
    });
  }

  const cases = [
    `schools/${RIVERSIDE_ID}/students?per_page=200&include=education_details,contacts,contacts.contact_details`,
    `schools/${RIVERSIDE_ID}/employees?per_page=200&include=employment_details,contact_details,roles,photo,classes,classes.subject,hierarchy,next_of_kin`,
    `schools/${RIVERSIDE_ID}/students?per_page=200&updated_after=2025-01-01%2000:00:00`,
  ];
  for (const path of cases) {
    let sent = 0;
    let bytes = 0;
    let records = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (sent < total) {
          const page = (sent++ % 10) + 1;
          const result = await get(`${path}&page=${page}`);
          bytes += result.bytes;
          records += result.records;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${path.split("?")[0]?.split("/").pop()} ?${path.split("?")[1]}\n` +
        `  ${total} requests in ${seconds.toFixed(2)} s: ${(total / seconds).toFixed(0)} req/s, ` +
        `${Math.round(records / seconds)} records/s, ${(bytes / seconds / 1e6).toFixed(1)} MB/s, ` +
        `${(bytes / total / 1024).toFixed(0)} KiB/page`,
    );
  }
  agent.destroy();
  child.disconnect();
}

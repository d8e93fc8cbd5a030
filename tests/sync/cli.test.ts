import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptSecret } from "@/server/crypto";
import { db } from "@/server/db";
import { runSyncCli, type Finished } from "../helpers/processes";
import { smallSchools, startEmulator, type RunningEmulator } from "../helpers/sync";

const [school, migrating, spare] = smallSchools(3, 30);

/** An error is one plain line on stderr: no stack trace, no second line. */
function expectOnePlainLine(result: Finished) {
  const lines = result.stderr.split("\n").filter((line) => line.trim());
  expect(lines, result.stderr).toHaveLength(1);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  return lines[0]!;
}

/** A loopback port nothing listens on: Wonde is down. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

// Each test starts Node processes: sized for a busy 2-core CI box.
describe("npm run sync", { timeout: 180_000 }, () => {
  let emulator: RunningEmulator;
  let wonde: Record<string, string>;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: "cli", schools: [school!, migrating!, spare!], tokens: { demo: [school!.id, migrating!.id, spare!.id], second: [school!.id] } });
    wonde = { WONDE_BASE_URL: emulator.url };
  });
  afterAll(async () => {
    await emulator.close();
    await db.$disconnect();
  });

  it("exits 0 with a JSON summary after connecting a new school, and with a short human summary after that", async () => {
    const first = await runSyncCli(["--school", school!.id, "--full", "--json"], { ...wonde, WONDE_TOKEN: "demo" });
    expect(first.code, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout) as { status: string; counts: { students: { created: number } } };
    expect(summary.status).toBe("SUCCEEDED");
    expect(summary.counts.students.created).toBe(emulator.state.counts(school!.id).students);

    // Connected now: no token needed, and the summary is for people.
    const again = await runSyncCli(["--school", school!.id], wonde);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^Synced Small School 1 \(incremental/);
    expect(again.stdout).toMatch(/pupils\s+0 new/);
    expect(again.stderr).toBe("");
  });

  it("replaces the stored token of a connected school when one is given, and says so", async () => {
    const result = await runSyncCli(["--school", school!.id, "--token", "second"], wonde);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/replaced the stored Wonde token of Small School 1/);
    const stored = await db.school.findUniqueOrThrow({ where: { wondeId: school!.id } });
    expect(decryptSecret(stored.wondeTokenEnc!)).toBe("second");

    // A wrong token is refused by Wonde and never replaces the working one.
    const wrong = await runSyncCli(["--school", school!.id], { ...wonde, WONDE_TOKEN: "wrong" });
    expect(wrong.code).toBe(1);
    expect(expectOnePlainLine(wrong)).toMatch(/token/i);
    const kept = await db.school.findUniqueOrThrow({ where: { wondeId: school!.id } });
    expect(decryptSecret(kept.wondeTokenEnc!)).toBe("second");
  });

  it("exits 1 with one plain line for a wrong token, an unknown school and Wonde being down", async () => {
    const wrongToken = await runSyncCli(["--school", spare!.id, "--token", "wrong"], wonde);
    expect(wrongToken.code).toBe(1);
    expect(expectOnePlainLine(wrongToken)).toMatch(/token/i);

    const unknown = await runSyncCli(["--school", "A3999999999", "--token", "demo"], wonde);
    expect(unknown.code).toBe(1);
    expect(expectOnePlainLine(unknown)).toMatch(/school/i);

    const down = await runSyncCli(["--school", spare!.id, "--token", "demo"], { WONDE_BASE_URL: `http://127.0.0.1:${await closedPort()}/v1.0/` });
    expect(down.code).toBe(1);
    expect(expectOnePlainLine(down)).toMatch(/reach|connect|network/i);
    expect(await db.school.count({ where: { wondeId: spare!.id } })).toBe(0);

    // --verbose adds the stack trace for whoever is debugging.
    const verbose = await runSyncCli(["--school", spare!.id, "--token", "wrong", "--verbose"], wonde);
    expect(verbose.code).toBe(1);
    expect(verbose.stderr).toMatch(/^\s+at /m);
  });

  it("exits 2 for bad usage, with one plain line", async () => {
    const missing = await runSyncCli([], wonde);
    expect(missing.code).toBe(2);
    expect(expectOnePlainLine(missing)).toMatch(/--school is required/);

    const unknownOption = await runSyncCli(["--school", school!.id, "--frull"], wonde);
    expect(unknownOption.code).toBe(2);
    expect(expectOnePlainLine(unknownOption)).toMatch(/frull/);

    const noToken = await runSyncCli(["--school", spare!.id], wonde);
    expect(noToken.code).toBe(2);
    expect(expectOnePlainLine(noToken)).toMatch(/not connected yet/);
  });

  it("exits 3 when the sync pauses for an MIS migration", async () => {
    const first = await runSyncCli(["--school", migrating!.id, "--full", "--token", "demo"], wonde);
    expect(first.code, first.stderr).toBe(0);
    emulator.state.migrateSchool(migrating!.id, { to: "Arbor" });
    const paused = await runSyncCli(["--school", migrating!.id, "--json"], wonde);
    expect(paused.code, paused.stderr).toBe(3);
    expect((JSON.parse(paused.stdout) as { status: string }).status).toBe("PAUSED");
  });
});

/**
 * Runs the Wonde emulator in a child process, so a benchmark's memory and CPU
 * figures are the app's own and not the emulator's synthetic data.
 *
 *   const emulator = await startChildEmulator({ seed: "bench", schools });
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { EmulatorOptions } from "../emulator/server";

const SELF = fileURLToPath(import.meta.url);

if (process.argv[2] === "--serve") {
  const { startEmulator } = await import("../emulator/server");
  const options = JSON.parse(process.argv[3] ?? "{}") as EmulatorOptions;
  const emulator = await startEmulator({ ...options, port: 0 });
  process.send?.({ url: emulator.url });
  process.on("disconnect", () => void emulator.close().finally(() => process.exit(0)));
}

export async function startChildEmulator(options: EmulatorOptions = {}): Promise<{ url: string; pid: number; stop: () => void }> {
  const child = fork(SELF, ["--serve", JSON.stringify(options)], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("message", (m) => resolve((m as { url: string }).url));
    child.once("exit", (code) => reject(new Error(`the emulator exited early (${code})`)));
  });
  return { url, pid: child.pid!, stop: () => child.disconnect() };
}

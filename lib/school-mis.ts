import "server-only";
import { misCapabilities } from "@/server/wonde/mis-capabilities";

/** The school's MIS as the UI names it ("SIMS", or "your MIS" before the first sync) and what it shares. */
export function schoolMis(mis: string | null) {
  const capabilities = misCapabilities(mis);
  return { name: capabilities.mis ?? mis ?? "your MIS", capabilities };
}

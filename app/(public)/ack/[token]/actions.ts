"use server";
import { db } from "@/server/db";
import { acknowledge } from "@/server/incidents/notifications";

export type AckState = { state: "idle" } | Awaited<ReturnType<typeof acknowledge>>;

/** The parent's "I have read this": single use, no sign-in. */
export async function acknowledgeAction(token: unknown, previous: AckState): Promise<AckState> {
  void previous;
  // Anyone can post to a server action with any arguments: only a token-shaped string is looked up.
  if (typeof token !== "string" || token.length === 0 || token.length > 200) return { state: "invalid" };
  return acknowledge(db, token);
}

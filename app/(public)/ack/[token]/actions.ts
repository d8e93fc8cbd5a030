"use server";
import { db } from "@/server/db";
import { acknowledge } from "@/server/incidents/notifications";

export type AckState = { state: "idle" } | Awaited<ReturnType<typeof acknowledge>>;

/** The parent's "I have read this": single use, no sign-in. */
export async function acknowledgeAction(token: string, previous: AckState): Promise<AckState> {
  void previous;
  return acknowledge(db, token);
}

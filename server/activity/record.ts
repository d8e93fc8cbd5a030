import { db as defaultDb, type Db } from "../db";
import type { Prisma } from "../generated/prisma/client";

/** Who did it: a signed-in user, or a part of the system ("Sync", "Sign-in"). */
export type Actor = { userId: string; label: string } | { system: string };

export type ActivityInput = {
  schoolId: string | null;
  actor: Actor;
  /** The action as the log shows it, e.g. "User Created", "Sign-in Failed". */
  action: string;
  subject?: { type: string; id?: string | null; label?: string | null };
  details?: Prisma.InputJsonValue;
};

/** Writes one ActivityEvent; pass a transaction client to log atomically with the change itself. */
export async function recordActivity(input: ActivityInput, client: Pick<Db, "activityEvent"> = defaultDb) {
  const actor =
    "system" in input.actor
      ? { actorUserId: null, actorLabel: input.actor.system }
      : { actorUserId: input.actor.userId, actorLabel: input.actor.label };
  return client.activityEvent.create({
    data: {
      schoolId: input.schoolId,
      ...actor,
      action: input.action,
      subjectType: input.subject?.type ?? null,
      subjectId: input.subject?.id ?? null,
      subjectLabel: input.subject?.label ?? null,
      details: input.details,
    },
  });
}

/** The actor for a signed-in user, labelled by name (or email) as the log shows it. */
export async function userActor(client: Pick<Db, "user">, userId: string): Promise<{ userId: string; label: string }> {
  const user = await client.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true } });
  return { userId, label: user.name ?? user.email ?? "Pupil" };
}

// Leavers are signed out of the school's apps: when an account is disabled (the sync archived its
// person, or its pupil sign-in was turned off), every app the user signed into through Staffroom
// gets an OpenID Connect back-channel logout token, and their grants and tokens there end.
// Through the job queue on PostgreSQL (retried with backoff), in-process on the embedded database.
import { z } from "zod";
import { db as defaultDb, type Db } from "../db";
import { env } from "../env";
import { logger } from "../logger";
import type { JobQueue } from "../sync/queue";
import { accountIdOf } from "./accounts";
import { lastServedIssuer, OIDC_MOUNT, oidcProvider } from "./provider";

export const APP_LOGOUT_QUEUE = "oidc-app-logout";
const logoutJob = z.object({ userIds: z.array(z.string()).max(100_000) });
type LogoutJob = z.infer<typeof logoutJob>;

type BackchannelClient = { backchannelLogout(sub: string, sid: string): Promise<void> };
type Send = (job: LogoutJob) => Promise<void>;
let queued: Send | null = null;

/** The queue (startSyncQueue's jobQueues) or nothing: then logouts run in this process. */
export const appLogoutQueue = (db: Db): JobQueue => ({
  name: APP_LOGOUT_QUEUE,
  work: (job) => logOutOfApps(db, logoutJob.parse(job).userIds),
  useSender: (send) => {
    queued = send;
  },
});

/**
 * Asks for these users to be signed out of every app (call where their accounts are disabled,
 * with the transaction doing it). Nothing is queued for users who never signed in to an app.
 */
export async function requestAppLogout(tx: Pick<Db, "user" | "oidcPayload">, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  const accountIds = (await tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, personId: true } })).map(accountIdOf);
  const signedIn = await tx.oidcPayload.findMany({ where: { accountId: { in: accountIds } }, distinct: ["accountId"], select: { accountId: true } });
  if (signedIn.length === 0) return;
  const job = { userIds };
  if (queued) return queued(job);
  void logOutOfApps(defaultDb, job.userIds).catch((err) => logger.error({ err }, "Back-channel logout failed"));
}

/** The issuer logout tokens name: the configured public address, else the one this process last served. */
const configuredIssuer = () => {
  const origin = env.APP_URL ?? env.AUTH_URL;
  return origin ? `${new URL(origin).origin}${OIDC_MOUNT}` : lastServedIssuer();
};

/**
 * Ends the users' grants and tokens at once, then tells each app they had a session with. A
 * failed delivery throws after the others were tried, so the queue retries; the sessions are
 * kept until every app has been told, so a retry knows whom to tell.
 */
export async function logOutOfApps(db: Db, userIds: string[]): Promise<{ delivered: number; failed: number }> {
  const users = await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, personId: true } });
  const accountIds = users.map(accountIdOf);
  const grants = await db.oidcPayload.findMany({ where: { model: "Grant", accountId: { in: accountIds } }, select: { id: true } });
  await db.oidcPayload.deleteMany({ where: { OR: [{ grantId: { in: grants.map((g) => g.id) } }, { accountId: { in: accountIds }, model: { not: "Session" } }] } });
  const sessions = await db.oidcPayload.findMany({ where: { model: "Session", accountId: { in: accountIds } }, select: { id: true, payload: true } });
  const issuer = configuredIssuer();
  if (sessions.length === 0 || !issuer) {
    if (sessions.length) logger.warn({ sessions: sessions.length }, "No issuer known (set APP_URL) for back-channel logout");
    return { delivered: 0, failed: 0 };
  }
  const provider = await oidcProvider(db, issuer);
  let delivered = 0;
  let failed = 0;
  for (const session of sessions) {
    const { accountId, authorizations } = session.payload as { accountId: string; authorizations?: Record<string, { sid?: string }> };
    for (const [clientId, { sid }] of Object.entries(authorizations ?? {})) {
      // oidc-provider's Client has backchannelLogout (features.backchannelLogout); its types omit it.
      const client = (await provider.Client.find(clientId)) as (BackchannelClient & { backchannelLogoutUri?: string }) | undefined;
      if (!client?.backchannelLogoutUri) continue;
      try {
        await client.backchannelLogout(accountId, sid!);
        delivered++;
      } catch (err) {
        failed++;
        logger.warn({ err, clientId }, "Back-channel logout not delivered");
      }
    }
  }
  if (failed) throw new Error(`${failed} back-channel logout(s) not delivered; retrying`);
  await db.oidcPayload.deleteMany({ where: { model: "Session", id: { in: sessions.map((s) => s.id) } } });
  return { delivered, failed };
}

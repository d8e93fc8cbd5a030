// The provider's signing keys. Generated on first start, kept encrypted with ENCRYPTION_KEY, rotated
// by `npm run keys:rotate`: the new key signs at once, the old one stays in the JWKS for the
// overlap, so tokens it signed (and RPs' cached JWKS) keep verifying until they have expired.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { decryptSecret, encryptSecret } from "../crypto";
import type { Db } from "../db";

/** Longer than any token the old key signed lives (ID and access tokens: 1 hour), with room for RPs' JWKS caches. */
export const KEY_OVERLAP_MS = 24 * 3600_000;

export type PrivateJwk = { kid: string; kty: string; alg: string; use: string } & Record<string, unknown>;

function newKey(): { kid: string; jwk: PrivateJwk } {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = randomBytes(12).toString("base64url");
  return { kid, jwk: { ...(privateKey.export({ format: "jwk" }) as Record<string, unknown>), kty: "RSA", kid, alg: "RS256", use: "sig" } };
}

const isUniqueViolation = (error: unknown) => typeof error === "object" && error !== null && "code" in error && error.code === "P2002";

/**
 * The keys the provider publishes, the signing (current) key first; creates the first key when
 * there is none. Two processes starting together can't both create one: the database allows a
 * single current key, and the loser reads the winner's.
 */
export async function signingKeys(db: Db, now = new Date()): Promise<PrivateJwk[]> {
  const rows = await liveKeyRows(db, now);
  if (!rows.some((r) => r.retiredAt === null)) {
    const { kid, jwk } = newKey();
    try {
      await db.oidcSigningKey.create({ data: { kid, sealedJwk: encryptSecret(JSON.stringify(jwk)) } });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    return signingKeys(db, now);
  }
  return rows.map((r) => JSON.parse(decryptSecret(r.sealedJwk)) as PrivateJwk);
}

/** The current key, then the retired ones still in their overlap, newest first. */
async function liveKeyRows(db: Db, now: Date) {
  const rows = await db.oidcSigningKey.findMany({
    where: { OR: [{ retiredAt: null }, { overlapEndsAt: { gt: now } }] },
    orderBy: { createdAt: "desc" },
  });
  return rows.sort((a, b) => Number(a.retiredAt !== null) - Number(b.retiredAt !== null));
}

/** What identifies the published key set: a process rebuilds its provider when another rotated the keys. */
export async function keySetVersion(db: Db, now = new Date()): Promise<string> {
  return (await liveKeyRows(db, now)).map((r) => r.kid).join(",");
}

/**
 * Retires the current key (kept for the overlap) and makes a new one current, together. Two
 * rotations at once can't leave two current keys: the database allows one.
 */
export async function rotateSigningKeys(db: Db, now = new Date()): Promise<{ current: string; retired: string | null }> {
  const { kid, jwk } = newKey();
  const current = await db.oidcSigningKey.findFirst({ where: { retiredAt: null }, select: { kid: true } });
  await db.$transaction([
    ...(current ? [db.oidcSigningKey.update({ where: { kid: current.kid, retiredAt: null }, data: { retiredAt: now, overlapEndsAt: new Date(now.getTime() + KEY_OVERLAP_MS) } })] : []),
    db.oidcSigningKey.create({ data: { kid, sealedJwk: encryptSecret(JSON.stringify(jwk)), createdAt: now } }),
  ]);
  return { current: kid, retired: current?.kid ?? null };
}

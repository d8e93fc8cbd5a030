// Envelope encryption for saved passwords: each user has a random data key, kept wrapped by
// ENCRYPTION_KEY (server/crypto.ts); each secret is sealed with the data key by AES-256-GCM with
// its own random nonce, and bound (additional data) to its user, app and field, so a sealed value
// copied onto another row or field does not open.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { decryptSecret, encryptSecret } from "../../crypto";
import type { Db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";

const VERSION = "v1";

/** What a sealed value is bound to: opening it with another binding fails. */
export type Binding = { userId: string; appId: string; field: "username" | "password" };
const additionalData = (b: Binding) => Buffer.from(`${b.userId}\n${b.appId}\n${b.field}`, "utf8");

export function seal(dataKey: Buffer, plaintext: string, binding: Binding): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", dataKey, nonce);
  cipher.setAAD(additionalData(binding));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, nonce.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

export function open(dataKey: Buffer, sealed: string, binding: Binding): string {
  const [version, nonce, tag, ciphertext] = sealed.split(".");
  if (version !== VERSION || !nonce || !tag || ciphertext === undefined) throw new Error("Not a sealed value");
  const decipher = createDecipheriv("aes-256-gcm", dataKey, Buffer.from(nonce, "base64url"));
  decipher.setAAD(additionalData(binding));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}

type KeyStore = Pick<Db | Prisma.TransactionClient, "userDataKey">;

/** The user's data key, unwrapped; created on first use (two first uses at once agree on one). */
export async function dataKeyFor(db: KeyStore, userId: string): Promise<Buffer> {
  const existing = await existingDataKey(db, userId);
  if (existing) return existing;
  await db.userDataKey.createMany({ data: [{ userId, wrappedKey: encryptSecret(randomBytes(32).toString("base64")) }], skipDuplicates: true });
  return (await existingDataKey(db, userId))!;
}

/** The user's data key if they have one (reading never creates one). */
export async function existingDataKey(db: KeyStore, userId: string): Promise<Buffer | null> {
  const row = await db.userDataKey.findUnique({ where: { userId }, select: { wrappedKey: true } });
  return row ? Buffer.from(decryptSecret(row.wrappedKey), "base64") : null;
}

import { createHmac, timingSafeEqual } from "node:crypto";
import type { PupilSignInMethod } from "../generated/prisma/client";
import { hashPassword, verifyPassword } from "../auth/password";
import { decryptSecret, encryptSecret } from "../crypto";
import { env } from "../env";
import { appLink } from "../mail/links";
import { badgeHashOf, newBadgeSecret, newPictureSequence, newPupilPassword, normalisePupilPassword, pictureKey, picturesOf } from "./secrets";

// A pupil's current credentials as PupilAccount stores them: a hash to check each one, and an
// AES-GCM copy (ENCRYPTION_KEY) so login cards can be reprinted without re-issuing.
export type StoredCredentials = {
  passwordHash: string | null;
  passwordEnc: string | null;
  pictureHash: string | null;
  pictureEnc: string | null;
  badgeHash: string | null;
  badgeEnc: string | null;
};

export const NO_CREDENTIALS: StoredCredentials = { passwordHash: null, passwordEnc: null, pictureHash: null, pictureEnc: null, badgeHash: null, badgeEnc: null };

/**
 * The picture sequence's hash: an HMAC keyed by the server's secret and bound to the person. With
 * 16⁴ sequences a slow hash would not slow a guesser who has the key, and without the key a copy
 * of the database tells nothing; guessing online is stopped by throttling and the shared device.
 */
function pictureHashOf(personId: string, key: string): string {
  return createHmac("sha256", env.AUTH_SECRET).update(`pupil-picture:${personId}:${key}`).digest("hex");
}

/** Fresh credentials for the given methods; the others are null (cleared). */
export async function newCredentials(personId: string, methods: readonly PupilSignInMethod[]): Promise<StoredCredentials> {
  return storedCredentials(personId, {
    password: methods.includes("PASSWORD") ? newPupilPassword() : null,
    pictures: methods.includes("PICTURE") ? newPictureSequence() : null,
    badgeSecret: methods.includes("BADGE") ? newBadgeSecret() : null,
  });
}

/** How given credentials are stored (hashes and encrypted copies); null ones are cleared. */
export async function storedCredentials(personId: string, given: { password: string | null; pictures: number[] | null; badgeSecret: string | null }): Promise<StoredCredentials> {
  const credentials = { ...NO_CREDENTIALS };
  if (given.password) {
    credentials.passwordHash = await hashPassword(normalisePupilPassword(given.password));
    credentials.passwordEnc = encryptSecret(given.password);
  }
  if (given.pictures) {
    const key = pictureKey(given.pictures);
    credentials.pictureHash = pictureHashOf(personId, key);
    credentials.pictureEnc = encryptSecret(key);
  }
  if (given.badgeSecret) {
    credentials.badgeHash = badgeHashOf(given.badgeSecret);
    credentials.badgeEnc = encryptSecret(given.badgeSecret);
  }
  return credentials;
}

/** The credentials for methods a pupil lacks (a year group gained a method); existing ones are kept. */
export async function missingCredentials(personId: string, stored: StoredCredentials, methods: readonly PupilSignInMethod[]): Promise<Partial<StoredCredentials>> {
  const lacking = methods.filter((m) => (m === "PASSWORD" ? !stored.passwordHash : m === "PICTURE" ? !stored.pictureHash : !stored.badgeHash));
  if (lacking.length === 0) return {};
  const fresh = await newCredentials(personId, lacking);
  return Object.fromEntries(Object.entries(fresh).filter(([, value]) => value !== null));
}

export async function passwordMatches(stored: { passwordHash: string | null }, typed: string): Promise<boolean> {
  return !!stored.passwordHash && (await verifyPassword(stored.passwordHash, normalisePupilPassword(typed)));
}

export function pictureMatches(personId: string, stored: { pictureHash: string | null }, sequence: readonly number[]): boolean {
  if (!stored.pictureHash) return false;
  const given = Buffer.from(pictureHashOf(personId, pictureKey(sequence)), "hex");
  const expected = Buffer.from(stored.pictureHash, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The sign-in URL a badge's QR code holds. The secret is in the fragment, so it never reaches a server log. */
export function badgeUrlFor(secret: string): string {
  return appLink(`/sign-in/badge#${secret}`);
}

/** The current credentials in clear, for a login card; null where the method is not used. */
export function printableCredentials(stored: { passwordEnc: string | null; pictureEnc: string | null; badgeEnc: string | null }, methods: readonly PupilSignInMethod[]) {
  return {
    password: methods.includes("PASSWORD") && stored.passwordEnc ? decryptSecret(stored.passwordEnc) : null,
    pictureSequence: methods.includes("PICTURE") && stored.pictureEnc ? picturesOf(decryptSecret(stored.pictureEnc)) : null,
    badgeUrl: methods.includes("BADGE") && stored.badgeEnc ? badgeUrlFor(decryptSecret(stored.badgeEnc)) : null,
  };
}

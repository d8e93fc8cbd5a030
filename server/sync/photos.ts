import { createHash } from "node:crypto";
import type { Db } from "@/server/db";
import type { WondeClient } from "@/server/wonde";
import type { SchoolFeed } from "./map";

type PhotoSchool = { id: string; wondeId: string; importPhotos: boolean; photosSyncedAt: Date | null };

/** The image type from the first bytes; Wonde sends no content type. */
export function imageType(bytes: Buffer): string | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes.subarray(0, 4).toString("latin1") === "GIF8") return "image/gif";
  if (bytes.subarray(0, 4).toString("latin1") === "RIFF" && bytes.subarray(8, 12).toString("latin1") === "WEBP") return "image/webp";
  return null;
}

/**
 * Staff photos, on every sync while the school has them on and its MIS shares
 * them. The first sync after switching on reads every member of staff; later
 * ones read the staff Wonde changed since the cursor, and store a photo only
 * when its updated_at moved. Bytes go to PersonPhoto, never onto the person row.
 * A photo that isn't an image is skipped; it never stops the rest.
 */
export async function importStaffPhotos(db: Db, client: WondeClient, school: PhotoSchool, feed: SchoolFeed, updatedAfter: Date | undefined) {
  const counts = { read: 0, stored: 0 };
  if (!school.importPhotos || !feed.capabilities.photo) return counts;
  // Photos are extra: a failed read is logged, the sync carries on, and the next one tries again in full.
  return readPhotos(db, client, school, updatedAfter, counts).catch((error: unknown) => {
    console.error(`Staff photos could not be read for school ${school.id}:`, error);
    return counts;
  });
}

async function readPhotos(db: Db, client: WondeClient, school: PhotoSchool, updatedAfter: Date | undefined, counts: { read: number; stored: number }) {
  const startedAt = new Date();
  const incremental = school.photosSyncedAt !== null && updatedAfter !== undefined;
  for await (const page of client.employees(school.wondeId, { include: ["photo"], ...(incremental ? { updatedAfter } : {}) })) {
    const photos = page.data.flatMap((e) => (e.photo?.content ? [{ externalId: e.id, content: e.photo.content, updatedAt: e.photo.updated_at ?? e.updated_at ?? null }] : []));
    counts.read += photos.length;
    if (photos.length === 0) continue;
    const people = await db.externalId.findMany({
      where: { schoolId: school.id, source: "wonde", entity: "employee", supersededAt: null, externalId: { in: photos.map((p) => p.externalId) }, personId: { not: null } },
      select: { externalId: true, personId: true },
    });
    const personOf = new Map(people.map((p) => [p.externalId, p.personId!]));
    const stored = new Map(
      (await db.personPhoto.findMany({ where: { personId: { in: [...personOf.values()] } }, select: { personId: true, sourceUpdatedAt: true } })).map((p) => [p.personId, p.sourceUpdatedAt?.getTime() ?? null]),
    );
    const writes = photos.flatMap((photo) => {
      const personId = personOf.get(photo.externalId);
      if (!personId) return [];
      const seen = stored.get(personId);
      if (seen !== undefined && seen !== null && seen === (photo.updatedAt?.getTime() ?? null)) return [];
      const bytes = Buffer.from(photo.content, "base64");
      const contentType = imageType(bytes);
      if (!contentType) return [];
      const row = { schoolId: school.id, contentType, bytes: new Uint8Array(bytes), sourceUpdatedAt: photo.updatedAt, hash: createHash("sha256").update(bytes).digest("base64url").slice(0, 22) };
      return [db.personPhoto.upsert({ where: { personId }, create: { personId, ...row }, update: row })];
    });
    if (writes.length) await db.$transaction(writes);
    counts.stored += writes.length;
  }
  await db.school.update({ where: { id: school.id }, data: { photosSyncedAt: startedAt } });
  return counts;
}

import type { Db } from "../db";
import { roleAtSchool } from "../schools/access";

const notFound = () => new Response("No photo.", { status: 404, headers: { "Cache-Control": "private, max-age=300" } });

/**
 * GET /api/photos/[personId] for the signed-in `userId`: the staff photo, to
 * members of the person's school only, while the school imports photos.
 * A link carrying the photo's hash (?v=) can be cached for a day; without it,
 * for five minutes and then revalidated by ETag. Anyone else gets the same 404
 * as a person without a photo, so ids reveal nothing.
 */
export async function staffPhotoResponse(db: Db, userId: string | null, personId: string, request: Request): Promise<Response> {
  if (!userId) return new Response("Please sign in.", { status: 401 });
  const photo = await db.personPhoto.findUnique({ where: { personId }, select: { schoolId: true, contentType: true, bytes: true, hash: true, person: { select: { school: { select: { importPhotos: true } } } } } });
  if (!photo || !photo.person.school.importPhotos) return notFound();
  // Staff and admins of the school only: a pupil's membership doesn't open staff photos.
  const role = await roleAtSchool(db, userId, photo.schoolId);
  if (!role || role === "PUPIL") return notFound();
  const etag = `"${photo.hash}"`;
  const versioned = new URL(request.url).searchParams.get("v") === photo.hash;
  const headers = {
    ETag: etag,
    "Cache-Control": versioned ? "private, max-age=86400, immutable" : "private, max-age=300, must-revalidate",
    "X-Content-Type-Options": "nosniff",
  };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(Buffer.from(photo.bytes), { status: 200, headers: { ...headers, "Content-Type": photo.contentType } });
}

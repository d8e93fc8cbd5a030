import { auth } from "@/server/auth/config";
import { db } from "@/server/db";
import { staffPhotoResponse } from "@/server/people/photos";

/** A member of staff's photo, for signed-in users of their school (see server/people/photos.ts). */
export async function GET(request: Request, { params }: { params: Promise<{ personId: string }> }) {
  const session = await auth();
  return staffPhotoResponse(db, session?.user?.id ?? null, (await params).personId, request);
}

import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { staffPhotoResponse } from "@/server/people/photos";
import { imageType } from "@/server/sync/photos";
import { createSchool, createUser } from "../helpers/fixtures";
import { createStaffPerson } from "../helpers/people";
import { createPupilWithAccount } from "../helpers/pupils";

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");

describe("staff photo route", () => {
  afterAll(() => db.$disconnect());

  it("serves a photo to the person's school only, with cache headers and ETag revalidation, and only while photos are on", async () => {
    const school = await createSchool(db);
    await db.school.update({ where: { id: school.id }, data: { importPhotos: true } });
    const other = await createSchool(db);
    const person = await createStaffPerson(db, school.id);
    await db.personPhoto.create({ data: { personId: person.id, schoolId: school.id, contentType: "image/png", bytes: new Uint8Array(PNG), hash: "abc123" } });
    const colleague = await createUser(db, { schoolId: school.id });
    const stranger = await createUser(db, { schoolId: other.id });
    const pupil = await createPupilWithAccount(db, school.id);
    const get = (userId: string | null, query = "", headers: Record<string, string> = {}) =>
      staffPhotoResponse(db, userId, person.id, new Request(`http://app.test/api/photos/${person.id}${query}`, { headers }));

    const ok = await get(colleague.id, "?v=abc123");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("image/png");
    expect(ok.headers.get("cache-control")).toBe("private, max-age=86400, immutable");
    expect(Buffer.from(await ok.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await get(colleague.id)).headers.get("cache-control")).toBe("private, max-age=300, must-revalidate");
    expect((await get(colleague.id, "", { "if-none-match": '"abc123"' })).status).toBe(304);

    expect((await get(null)).status).toBe(401);
    expect((await get(stranger.id)).status).toBe(404);
    // A pupil's membership of the school doesn't open staff photos.
    expect((await get(pupil.userId)).status).toBe(404);
    await db.school.update({ where: { id: school.id }, data: { importPhotos: false } });
    expect((await get(colleague.id)).status).toBe(404);
  });

  it("recognises images by their bytes and refuses anything else", () => {
    expect(imageType(PNG)).toBe("image/png");
    expect(imageType(Buffer.from("ffd8ffe000104a46", "hex"))).toBe("image/jpeg");
    expect(imageType(Buffer.from("<svg onload=alert(1)>"))).toBeNull();
  });
});

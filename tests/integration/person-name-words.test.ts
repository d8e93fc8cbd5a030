import { describe, expect, it } from "vitest";
import { db } from "@/server/db";

// PersonNameWord and NameWord are kept by a per-statement trigger on Person: whatever writes
// people (the sync's bulk statements, Prisma, a COPY), the words follow every row of it.
describe("person name words", () => {
  const wordsOf = async (personId: string) =>
    (await db.personNameWord.findMany({ where: { personId }, orderBy: { word: "asc" } })).map((w) => ({ word: w.word, sortName: w.sortName, kind: w.kind, active: w.active, searchName: w.searchName }));

  it("follow every row of a multi-row insert and of a bulk update, and only the rows whose name, kind or archived state changed", async () => {
    const school = await db.school.create({ data: { name: "Name Words School" } });
    const now = new Date();
    await db.person.createMany({
      data: [
        { id: "nw-1", schoolId: school.id, kind: "PUPIL", forename: "Zofia", surname: "Quillfeather", updatedAt: now },
        { id: "nw-2", schoolId: school.id, kind: "STAFF", forename: "Ann", surname: "Van Der Berg", initials: "AV", updatedAt: now },
        { id: "nw-3", schoolId: school.id, kind: "PUPIL", forename: "Ola", surname: "Quillfeather", updatedAt: now },
      ],
    });
    expect(await wordsOf("nw-1")).toEqual([
      { word: "quillfeather", sortName: "quillfeather zofia", kind: "PUPIL", active: true, searchName: "quillfeather zofia" },
      { word: "zofia", sortName: "quillfeather zofia", kind: "PUPIL", active: true, searchName: "quillfeather zofia" },
    ]);
    expect((await wordsOf("nw-2")).map((w) => w.word)).toEqual(["ann", "av", "berg", "der", "van"]);
    expect((await wordsOf("nw-2"))[0]!.sortName).toBe("van-der-berg ann");
    // Each word carries the whole name, which the picker checks the other words typed against.
    expect((await wordsOf("nw-2"))[0]!.searchName).toBe("van der berg ann av");
    // A word two people share enters the dictionary once.
    expect(await db.nameWord.count({ where: { word: "quillfeather" } })).toBe(1);

    const before = await db.personNameWord.findMany({ where: { personId: "nw-3" } });
    await db.$executeRaw`UPDATE "Person" SET "surname" = CASE "id" WHEN 'nw-1' THEN 'Brightwater' ELSE "surname" END,
      "archivedAt" = CASE "id" WHEN 'nw-2' THEN now() ELSE NULL END, "lastSyncedAt" = now() WHERE "schoolId" = ${school.id}`;
    expect((await wordsOf("nw-1")).map((w) => [w.word, w.sortName, w.searchName])).toEqual([
      ["brightwater", "brightwater zofia", "brightwater zofia"],
      ["zofia", "brightwater zofia", "brightwater zofia"],
    ]);
    expect((await wordsOf("nw-2")).every((w) => !w.active)).toBe(true);
    expect(await db.nameWord.count({ where: { word: "brightwater" } })).toBe(1);
    // Unchanged names are left alone.
    expect(await db.personNameWord.findMany({ where: { personId: "nw-3" } })).toEqual(before);
  });
});

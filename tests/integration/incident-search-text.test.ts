import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { editDistance, prefixUpperBound } from "@/server/incidents/person-search";
import { redactNames } from "@/server/incidents/redact";
import { normaliseSearchText } from "@/server/incidents/search-text";

describe("incident person search text", () => {
  afterAll(() => db.$disconnect());

  it("normalises queries exactly as the database normalises names", async () => {
    const samples = ["Zoë Smith-Jones", "O'Brien", "  ŁUKASZ   Wójcik ", "Siân Ní Bhriain", "d’Arcy", "Ørsted ÆLFRIC", "Nguyễn Thị"];
    const rows = await db.$queryRaw<{ v: string }[]>`SELECT staffroom_search_text(s) AS v FROM unnest(${samples}::text[]) WITH ORDINALITY AS t(s, i) ORDER BY i`;
    expect(rows.map((r) => r.v)).toEqual(samples.map(normaliseSearchText));
    expect(normaliseSearchText("Zoë Smith-Jones")).toBe("zoe smith jones");
    expect(normaliseSearchText("O'Brien")).toBe("obrien");
  });

  it("bounds a prefix range under any collation and measures typos", () => {
    expect(prefixUpperBound("smi")).toBe("smj");
    expect(prefixUpperBound("az")).toBe("b");
    expect(prefixUpperBound("a9")).toBe("aa");
    expect(prefixUpperBound("zz")).toBeNull();
    expect(editDistance("smtih", "smith")).toBe(1);
    expect(editDistance("wiliams", "williams")).toBe(1);
    expect(editDistance("jones", "smith")).toBeGreaterThan(2);
  });

  it("takes other pupils' names out of free text, keeping the child's own", () => {
    const about = { forename: "Ella", surname: "Jones" };
    const text = "Ella Jones and Sam Patel collided. Sam was fine; Patel, Sam saw a teacher. Ella cried.";
    const out = redactNames(text, about, [{ forename: "Sam", surname: "Patel" }]);
    expect(out).not.toMatch(/Sam|Patel/);
    expect(out).toContain("Ella Jones and another pupil collided");
    expect(out).toContain("Ella cried");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { harness, OAKFIELD, request, walk, type Harness } from "./helpers";

describe("pagination", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ seed: "pages" });
  });
  afterAll(() => h.close());

  it("walks to the last page with next/more/previous consistent", async () => {
    const total = h.emulator.state.counts(OAKFIELD).students;
    const { records, pages } = await walk(`${h.emulator.url}schools/${OAKFIELD}/students?per_page=37`);
    expect(records).toHaveLength(total);
    expect(new Set(records.map((r) => r.id)).size).toBe(total);
    expect(pages).toHaveLength(Math.ceil(total / 37));
    pages.forEach((p, i) => {
      const last = i === pages.length - 1;
      expect(p.current_page).toBe(i + 1);
      expect(p.more).toBe(!last);
      expect(p.next === null).toBe(last);
      expect(p.previous === null).toBe(i === 0);
      expect(p.per_page).toBe("37"); // echoed as a string because we passed it
    });
    expect(pages[1].previous).toMatch(/\?per_page=37&page=1$/);
  });

  it("defaults to 50 per page, as a number, and clamps large pages to 200", async () => {
    const plain = (await h.api(`schools/${OAKFIELD}/students`)).json();
    expect(plain.data).toHaveLength(50);
    expect(plain.meta.pagination.per_page).toBe(50);
    expect(plain.meta.pagination.next).toMatch(/\/students\?page=2$/);
    const big = (await h.api(`schools/${OAKFIELD}/students?per_page=1000`)).json();
    expect(big.data).toHaveLength(200);
    expect(big.meta.pagination.per_page).toBe("200");
  });

  it("keeps the original query string, byte for byte, in next", async () => {
    const query = "include=education_details,contacts.contact_details&updated_after=2016-06-24%2000:00:00&per_page=20";
    const res = await request(`${h.emulator.url}schools/${OAKFIELD}/students/?${query}`, { host: "example.test:1234" });
    expect(res.json().meta.pagination.next).toBe(
      `http://example.test:1234/v1.0/schools/${OAKFIELD}/students/?${query}&page=2`,
    );
    const second = await request(`${h.emulator.url}schools/${OAKFIELD}/students/?page=2&${query}`);
    expect(second.json().meta.pagination.next).toContain(`?page=3&${query}`);
  });

  it("answers a page past the end with no data and no next", async () => {
    const body = (await h.api(`schools/${OAKFIELD}/students?page=99`)).json();
    expect(body.data).toEqual([]);
    expect(body.meta.pagination).toMatchObject({ more: false, next: null, current_page: 99 });
  });

  it("lists what each endpoint offers in meta.includes, whatever was asked", async () => {
    const body = (await h.api(`schools/${OAKFIELD}/employees?per_page=1`)).json();
    expect(body.meta.includes).toEqual(
      expect.arrayContaining(["contact_details", "employment_details", "roles", "photo", "classes", "hierarchy", "next_of_kin"]),
    );
  });
});

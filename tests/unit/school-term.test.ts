import { describe, expect, it } from "vitest";
import { termOf } from "@/server/trust/term";

describe("the school term a date falls in (the trust dashboard's 'incidents this term')", () => {
  it.each([
    ["2026-09-01", "Autumn term 2026", "2026-09-01", "2026-12-31"],
    ["2026-12-31", "Autumn term 2026", "2026-09-01", "2026-12-31"],
    ["2027-01-01", "Spring term 2027", "2027-01-01", "2027-03-31"],
    ["2027-03-31", "Spring term 2027", "2027-01-01", "2027-03-31"],
    ["2027-04-01", "Summer term 2027", "2027-04-01", "2027-08-31"],
    ["2027-08-31", "Summer term 2027", "2027-04-01", "2027-08-31"],
  ])("%s is in the %s", (date, name, from, to) => {
    expect(termOf(date)).toEqual({ name, from, to });
  });
});

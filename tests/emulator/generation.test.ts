import { describe, expect, it } from "vitest";
import { EmulatorState } from "@/emulator/store";
import { OAKFIELD, RIVERSIDE } from "./helpers";

describe("synthetic schools", () => {
  // How fast it generates is measured in bench/emulator.ts, not asserted here.
  it("generates schools lazily, on first use", () => {
    const state = new EmulatorState({ seed: "gen" });
    expect(state.schoolIds().some((id) => state.isGenerated(id))).toBe(false);
    expect(state.profile(RIVERSIDE)?.spec.name).toBe("Riverside Academy");
    expect(state.isGenerated(RIVERSIDE)).toBe(false);
    const school = state.school(RIVERSIDE);
    expect(school?.students.length).toBeGreaterThanOrEqual(1990);
    expect(state.isGenerated(RIVERSIDE)).toBe(true);
    expect(state.isGenerated(OAKFIELD)).toBe(false);
  });

  it("gives a secondary Years 7–13 with smaller sixth-form years, and pupils school emails", () => {
    const school = new EmulatorState({ seed: "gen" }).school(RIVERSIDE)!;
    const perYear = new Map<number, number>();
    for (const s of school.students) perYear.set(s.year.nc, (perYear.get(s.year.nc) ?? 0) + 1);
    expect([...perYear.keys()].sort((a, b) => a - b)).toEqual([7, 8, 9, 10, 11, 12, 13]);
    expect(perYear.get(12)!).toBeLessThan(perYear.get(7)!);
    expect(school.students.every((s) => s.contact.emailWork?.endsWith("@riverside-academy.sch.uk"))).toBe(true);
    // A Year 7 pupil in 2024/25 was born between 1 Sept 2012 and 31 Aug 2013.
    for (const s of school.students.filter((p) => p.year.nc === 7)) {
      const born = new Date(s.dateOfBirth! * 1000).toISOString().slice(0, 10);
      expect(born >= "2012-09-01" && born <= "2013-08-31", born).toBe(true);
    }
  });

  it("draws names from diverse lists", () => {
    const school = new EmulatorState({ seed: "gen" }).school(RIVERSIDE)!;
    expect(new Set(school.students.map((s) => s.forename)).size).toBeGreaterThan(150);
    expect(new Set(school.students.map((s) => s.surname)).size).toBeGreaterThan(200);
    expect(new Set(school.contacts.map((c) => c.forename)).size).toBeGreaterThan(150);
  });

  it("staffs the school plausibly: unique codes and emails, teachers with numbers, line managers", () => {
    const school = new EmulatorState({ seed: "gen" }).school(RIVERSIDE)!;
    const staff = school.employees;
    expect(staff.length).toBeGreaterThan(120);
    expect(new Set(staff.map((e) => e.staffCode)).size).toBe(staff.length);
    expect(new Set(staff.map((e) => e.contact.emailWork)).size).toBe(staff.length);
    for (const e of staff) {
      expect(e.contact.emailWork).toMatch(/^[a-z.]+\d*@riverside-academy\.sch\.uk$/);
      expect(e.teacherNumber === null).toBe(!e.teaching);
    }
    const heads = staff.filter((e) => e.lineManager === null);
    expect(heads).toHaveLength(1);
    expect(heads[0]?.roles[0]?.role).toBe("Headteacher");
    expect(staff.filter((e) => !e.current).length).toBeGreaterThan(0);
    // Every class has a main teacher, who teaches.
    for (const cls of school.classes) {
      const main = cls.staff.filter((r) => r.isMainTeacher);
      expect(main).toHaveLength(1);
      expect(main[0]?.employee.teaching).toBe(true);
    }
  });

  it("gives nearly every pupil a contact with parental responsibility, and has part-family contacts", () => {
    const school = new EmulatorState({ seed: "gen" }).school(OAKFIELD)!;
    const withPr = school.students.filter((s) => s.contacts.some((l) => l.parentalResponsibility));
    expect(withPr.length / school.students.length).toBeGreaterThan(0.9);
    const relationships = new Set(school.students.flatMap((s) => s.contacts.map((l) => l.relationship)));
    for (const r of ["Mother", "Father", "Grandmother"]) expect(relationships).toContain(r);
    const priorities = school.students.flatMap((s) => s.contacts.map((l, i) => l.priority === i + 1));
    expect(priorities.every(Boolean)).toBe(true);
  });
});

describe("Wonde ids", () => {
  it("never repeat across schools, however lazily the schools are generated", () => {
    const state = new EmulatorState({ seed: "ids" });
    const seen = new Map<string, string>();
    for (const id of state.schoolIds()) {
      const s = state.school(id)!;
      const records = [
        ...s.students, ...s.leavers, ...s.employees, ...s.contacts, ...s.classes, ...s.subjects, ...s.years,
        ...s.employees.flatMap((e) => [...e.roles, ...e.nextOfKin]),
      ];
      for (const r of records) {
        expect(r.id).toMatch(/^A[12]\d{9}$/);
        expect(seen.get(r.id), r.id).toBeUndefined();
        seen.set(r.id, id);
      }
    }
    expect(seen.size).toBeGreaterThan(15000);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { EmulatorState } from "@/emulator/store";
import { isValidUpn, makeUpn, upnCheckLetter, UPN_ALPHABET } from "@/emulator/upn";

describe("UPN check letters (DfE algorithm)", () => {
  it("matches a hand-worked example", () => {
    // 8·2 + 2·3 + 0·4 + 2·5 + 0·6 + 0·7 + 1·8 + 0·9 + 9·10 + 0·11 + 0·12 + 1·13 = 143;
    // 143 mod 23 = 5 → the sixth letter of ABCDEFGHJKLMNPQRTUVWXYZ, F.
    expect(upnCheckLetter("820200109001")).toBe("F");
    expect(isValidUpn("F820200109001")).toBe(true);
    expect(isValidUpn("G820200109001")).toBe(false);
  });

  it("values a temporary UPN's final letter by its place in the check alphabet", () => {
    // As above but the last 1·13 becomes C (index 2) · 13 = 26: 143 − 13 + 26 = 156; 156 mod 23 = 18 → V.
    expect(upnCheckLetter("82020010900C")).toBe("V");
    expect(isValidUpn("V82020010900C")).toBe(true);
  });

  it("never uses I, O or S and rejects malformed numbers", () => {
    expect(UPN_ALPHABET).toHaveLength(23);
    expect(UPN_ALPHABET).not.toMatch(/[IOS]/);
    expect(isValidUpn("F82020010900")).toBe(false);
    expect(isValidUpn("F8202001090O1")).toBe(false);
    expect(() => upnCheckLetter("8202001090")).toThrow();
  });

  it("builds LA code, establishment, year and serial into the number", () => {
    const upn = makeUpn({ laCode: "383", establishment: "2345", year: 2019, serial: 7 });
    expect(upn.slice(1)).toBe("383234519007");
    expect(isValidUpn(upn)).toBe(true);
  });
});

describe("generated UPNs", () => {
  let state: EmulatorState;
  beforeAll(() => {
    state = new EmulatorState({ seed: "upn-test" });
  });

  it("are all valid and unique in every default school, with a few pupils lacking one", () => {
    let missing = 0;
    let former = 0;
    for (const id of state.schoolIds()) {
      const school = state.school(id);
      if (!school) throw new Error(id);
      const seen = new Set<string>();
      for (const s of [...school.students, ...school.leavers]) {
        if (s.upn === null) {
          missing++;
          continue;
        }
        expect(isValidUpn(s.upn), `${id} ${s.upn}`).toBe(true);
        expect(seen.has(s.upn)).toBe(false);
        seen.add(s.upn);
        if (s.formerUpn) {
          former++;
          expect(isValidUpn(s.formerUpn)).toBe(true);
          expect(s.formerUpn).toMatch(/[A-Z]$/); // a temporary UPN
        }
      }
    }
    expect(missing).toBeGreaterThan(10);
    expect(former).toBeGreaterThan(10);
  });

  it("carry a primary pupil's school, the year they started school, and a serial", () => {
    const oakfield = state.school("A1930499544");
    const year3 = oakfield?.students.filter((s) => s.year.nc === 3 && s.upn) ?? [];
    const here = year3.filter((s) => s.upn?.slice(1, 8) === "3832345");
    expect(here.length).toBeGreaterThan(year3.length / 2);
    // Year 3 in 2024/25 started Reception in September 2021.
    for (const s of here) expect(s.upn?.slice(8, 10)).toBe("21");
  });
});

import { describe, expect, it } from "vitest";
import { describeMisGaps, describeMissingScopes, misCapabilities, normaliseScope, SCOPES_WE_USE, SUPPORTED_MIS } from "@/server/wonde";

describe("scopes", () => {
  it("normalises the spellings Wonde might use", () => {
    expect(normaliseScope("Student UPN read")).toBe("student upn");
    expect(normaliseScope("Students upn read")).toBe("student upn");
    expect(normaliseScope("students.upn")).toBe("student upn");
    expect(normaliseScope("Contacts parental_responsibility read")).toBe("contact parental responsibility");
  });

  it("explains each missing scope in plain English", () => {
    const approvedAllButUpn = SCOPES_WE_USE.map((s) => s.scope.replace(/^(\w+?)s? /, "$1s ")).filter((s) => !/upn/i.test(s));
    const missing = describeMissingScopes(approvedAllButUpn);
    expect(missing.map((m) => m.label)).toEqual(["UPN", "Former UPN"]);
    expect(missing[0]?.message).toBe(
      "UPN not shared: approve \"Student UPN read\" in the Wonde portal. Without it pupils can't be re-matched by UPN " +
        "after an MIS migration, so their incident history could split across duplicate records.",
    );
    expect(missing[0]?.importance).toBe("required");
  });

  it("lists everything when nothing is approved, nothing when all is", () => {
    expect(describeMissingScopes([])).toHaveLength(SCOPES_WE_USE.length);
    expect(describeMissingScopes(SCOPES_WE_USE.map((s) => s.scope))).toEqual([]);
  });
});

describe("MIS capabilities", () => {
  it("follows the support matrix", () => {
    const row = (mis: string) => {
      const c = misCapabilities(mis);
      return [c.roles, c.photo, c.reportsTo, c.classStaffLinks, c.subjectStaffLinks].map((b) => (b ? 1 : 0)).join("");
    };
    expect(row("SIMS")).toBe("11111");
    expect(row("Arbor")).toBe("11111");
    expect(row("RM Integris")).toBe("00000");
    expect(row("Facility CMIS")).toBe("11111");
    expect(row("PupilAsset")).toBe("11111");
    expect(row("iSAMS")).toBe("01000");
    expect(row("ScholarPack")).toBe("00100");
    expect(row("Bromcom")).toBe("11000");
    expect(row("WCBS")).toBe("01011");
    expect(row("engage")).toBe("01011");
    expect(row("Progresso")).toBe("11111");
    expect(SUPPORTED_MIS).toHaveLength(11);
  });

  it("tolerates Wonde's spellings", () => {
    expect(misCapabilities("Capita SIMS").mis).toBe("SIMS");
    expect(misCapabilities("SIMS .net").mis).toBe("SIMS");
    expect(misCapabilities("rm  integris").mis).toBe("RM Integris");
    expect(misCapabilities("ISAMS").mis).toBe("iSAMS");
    expect(misCapabilities("CMIS").mis).toBe("Facility CMIS");
    expect(misCapabilities("Bromcom MIS").mis).toBe("Bromcom");
    expect(misCapabilities("Engage").mis).toBe("engage");
    expect(misCapabilities("pupil asset").mis).toBe("PupilAsset");
  });

  it("assumes an unknown MIS provides everything", () => {
    for (const name of ["Brand New MIS", "", null, undefined]) {
      expect(misCapabilities(name)).toEqual({
        mis: null, known: false, roles: true, photo: true, reportsTo: true, classStaffLinks: true, subjectStaffLinks: true,
      });
    }
  });

  it("describes gaps for the settings page", () => {
    expect(describeMisGaps(misCapabilities("Bromcom"))).toEqual([
      "Bromcom does not share line managers through Wonde.",
      "Bromcom does not share which staff teach which classes through Wonde.",
      "Bromcom does not share which staff teach which subjects through Wonde.",
    ]);
  });
});

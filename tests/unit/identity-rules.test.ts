import { describe, expect, it } from "vitest";
import { maskedUpn, proposeMatches, sharedUpns, type ExistingPerson, type IncomingRecord } from "@/server/identity/rules";

// Who is who across an MIS migration, on small hand-made schools: each test is one
// situation a school admin would recognise, with the outcome they should see.

function person(id: string, fields: Partial<ExistingPerson> = {}): ExistingPerson {
  return {
    id,
    label: `Person ${id}`,
    upn: null,
    formerUpn: null,
    email: null,
    staffCode: null,
    teacherNumber: null,
    forename: `Fore${id}`,
    surname: `Sur${id}`,
    legalForename: null,
    legalSurname: null,
    dateOfBirth: null,
    externalIds: [],
    ...fields,
  };
}

function record(externalId: string, fields: Partial<IncomingRecord["fields"]> = {}): IncomingRecord {
  return { externalId, misId: null, upi: null, label: `Record ${externalId}`, fields: { forename: `New${externalId}`, surname: `Rec${externalId}`, ...fields } };
}

describe("identity rules for pupils", () => {
  it("matches an incoming UPN to the pupil who holds it now, before anyone whose former UPN it was", () => {
    // Pupil A holds UPN X today; pupil B had X once (a corrected UPN). The new MIS sends X.
    const holder = person("a", { upn: "A123456789012" });
    const formerHolder = person("b", { upn: "B999999999999", formerUpn: "A123456789012" });
    const { proposals, unmatched } = proposeMatches("PUPIL", [record("n1", { upn: "A123456789012" })], [holder, formerHolder]);
    expect(proposals.get("n1")).toEqual({ outcome: "MATCHED", personId: "a", rule: "UPN", reason: "Same UPN (…9012)" });
    expect(unmatched.map((p) => p.id)).toEqual(["b"]);
  });

  it("keeps a pupil whose Wonde id survived, whatever else changed", () => {
    const { proposals } = proposeMatches("PUPIL", [record("w1", { upn: "Z000000000000" })], [person("a", { upn: "A000000000000", externalIds: ["w1"] })]);
    expect(proposals.get("w1")).toEqual({ outcome: "MATCHED", personId: "a", rule: "same Wonde id", reason: "Wonde kept this record's id through the migration" });
  });

  it("matches a changed UPN both ways: the new MIS's former UPN, or the UPN we recorded as former", () => {
    const existing = [person("a", { upn: "OLD000000001" }), person("b", { upn: "CUR000000002", formerUpn: "PRE000000002" })];
    const { proposals, unmatched } = proposeMatches("PUPIL", [record("n1", { upn: "NEW000000001", formerUpn: "OLD000000001" }), record("n2", { upn: "PRE000000002" })], existing);
    expect(proposals.get("n1")).toEqual({ outcome: "MATCHED", personId: "a", rule: "former UPN", reason: "Their UPN changed: the new MIS gives …0001 as the former UPN of …0001" });
    expect(proposals.get("n2")).toEqual({ outcome: "MATCHED", personId: "b", rule: "former UPN", reason: "Their UPN changed: …0002 was recorded as this pupil's former UPN" });
    expect(unmatched).toEqual([]);
  });

  it("only proposes a legal name and date of birth match, for the admin to confirm", () => {
    const existing = [person("a", { forename: "Sam", surname: "Jones", legalForename: "Samuel", legalSurname: "Jones", dateOfBirth: "2015-03-02" })];
    const { proposals, unmatched } = proposeMatches("PUPIL", [record("n1", { forename: "Sammy", surname: "Jones", legalForename: " SAMUEL ", legalSurname: "jones", dateOfBirth: "2015-03-02" })], existing);
    expect(proposals.get("n1")).toEqual({
      outcome: "REVIEW",
      rule: "legal name + date of birth",
      reason: "Same legal name and date of birth, but no UPN match: please check",
      options: [{ personId: "a", label: "Person a", rule: "legal name + date of birth" }],
    });
    // A proposal claims nobody: the person is still unmatched until the admin decides.
    expect(unmatched.map((p) => p.id)).toEqual(["a"]);
  });

  it("reads a surname with spaces around it as the same surname", () => {
    const existing = [person("a", { forename: "Sam", surname: "Jones", legalForename: "Samuel", legalSurname: "Jones", dateOfBirth: "2015-03-02" })];
    const { proposals } = proposeMatches("PUPIL", [record("n1", { forename: "Sam", surname: "Jones", legalForename: "Samuel", legalSurname: "  Jones ", dateOfBirth: "2015-03-02" })], existing);
    expect(proposals.get("n1")).toMatchObject({ outcome: "REVIEW", rule: "legal name + date of birth", options: [{ personId: "a" }] });
  });

  it("falls back to the known name when no legal name is recorded, and needs all three parts", () => {
    const existing = [person("a", { forename: "Ava", surname: "Khan", dateOfBirth: "2014-09-30" }), person("b", { forename: "Ben", surname: "Ode", dateOfBirth: null })];
    const incoming = [record("n1", { forename: "Ava", surname: "Khan", dateOfBirth: "2014-09-30" }), record("n2", { forename: "Ben", surname: "Ode", dateOfBirth: null })];
    const { proposals } = proposeMatches("PUPIL", incoming, existing);
    expect(proposals.get("n1")).toMatchObject({ outcome: "REVIEW", options: [{ personId: "a" }] });
    expect(proposals.get("n2")).toEqual({ outcome: "NEW", reason: "No existing person matches: a new record will be created" });
  });

  it("reads the legal surname, not the known one, when the MIS records both", () => {
    // Known as Mia Brown at school; legally Mia Okafor, in both MIS.
    const existing = [person("a", { forename: "Mia", surname: "Brown", legalForename: "Mia", legalSurname: "Okafor", dateOfBirth: "2016-05-04" })];
    const sameLegalName = proposeMatches("PUPIL", [record("n1", { forename: "Mia", surname: "Smith", legalForename: "Mia", legalSurname: "Okafor", dateOfBirth: "2016-05-04" })], existing);
    expect(sameLegalName.proposals.get("n1")).toMatchObject({ outcome: "REVIEW", rule: "legal name + date of birth", options: [{ personId: "a" }] });
    // The same known surname with another legal one is not the legal rule's match.
    const otherLegalName = proposeMatches("PUPIL", [record("n1", { forename: "Ola", surname: "Brown", legalForename: "Ola", legalSurname: "Okafor", dateOfBirth: "2016-05-04" })], existing);
    expect(otherLegalName.proposals.get("n1")).toMatchObject({ outcome: "NEW" });
  });

  it("matches the known name and date of birth when the legal names differ, and offers each person once, under the strongest rule", () => {
    // The new MIS records a legal name the old one never had: only the known name matches.
    const existing = [person("a", { forename: "Jo", surname: "Hart", dateOfBirth: "2015-01-09" })];
    const { proposals } = proposeMatches("PUPIL", [record("n1", { forename: "Jo", surname: "Hart", legalForename: "Joanna", legalSurname: "Hart-Lowe", dateOfBirth: "2015-01-09" })], existing);
    expect(proposals.get("n1")).toEqual({
      outcome: "REVIEW",
      rule: "name + date of birth",
      reason: "Same name and date of birth, but no UPN match: please check",
      options: [{ personId: "a", label: "Person a", rule: "name + date of birth" }],
    });

    // b matches n2 by both legal and known name: offered once, under the legal rule.
    const both = proposeMatches("PUPIL", [record("n2", { forename: "Eli", surname: "Roe", dateOfBirth: "2014-02-02" })], [person("b", { forename: "Eli", surname: "Roe", dateOfBirth: "2014-02-02" })]);
    expect(both.proposals.get("n2")).toMatchObject({ outcome: "REVIEW", options: [{ personId: "b", label: "Person b", rule: "legal name + date of birth" }] });
  });

  it("never offers for review a person another record has matched", () => {
    // n1 takes a by UPN; n2 shares a's name and date of birth and b's: only b is offered.
    const existing = [
      person("a", { upn: "UPN000000001", forename: "Ada", surname: "Lee", dateOfBirth: "2013-01-01" }),
      person("b", { forename: "Ada", surname: "Lee", dateOfBirth: "2013-01-01" }),
    ];
    const { proposals } = proposeMatches("PUPIL", [record("n1", { upn: "UPN000000001" }), record("n2", { forename: "Ada", surname: "Lee", dateOfBirth: "2013-01-01" })], existing);
    expect(proposals.get("n1")).toMatchObject({ outcome: "MATCHED", personId: "a" });
    expect(proposals.get("n2")).toMatchObject({ outcome: "REVIEW", options: [{ personId: "b" }] });
    expect((proposals.get("n2") as { options: unknown[] }).options).toHaveLength(1);
  });

  it("never auto-matches a UPN two existing pupils share, nor one two incoming records share", () => {
    const twins = [person("a", { upn: "DUP000000001" }), person("b", { upn: "DUP000000001" })];
    const sharedExisting = proposeMatches("PUPIL", [record("n1", { upn: "DUP000000001" })], twins);
    expect(sharedExisting.proposals.get("n1")).toEqual({
      outcome: "REVIEW",
      rule: "UPN",
      reason: "2 existing people share this UPN: choose the right one",
      options: [{ personId: "a", label: "Person a", rule: "UPN" }, { personId: "b", label: "Person b", rule: "UPN" }],
    });
    expect(sharedExisting.unmatched.map((p) => p.id)).toEqual(["a", "b"]);

    const sharedIncoming = proposeMatches("PUPIL", [record("n1", { upn: "DUP000000002" }), record("n2", { upn: "DUP000000002" })], [person("a", { upn: "DUP000000002" })]);
    for (const id of ["n1", "n2"]) {
      expect(sharedIncoming.proposals.get(id)).toEqual({ outcome: "REVIEW", rule: "UPN", reason: "2 records in the new MIS share this UPN: choose who is who", options: [{ personId: "a", label: "Person a", rule: "UPN" }] });
    }
  });

  it("never lets a weaker rule take a person a stronger rule already matched", () => {
    // n1 matches a by UPN; n2 has a's name and date of birth, but a is taken.
    const existing = [person("a", { upn: "UPN000000001", forename: "Ada", surname: "Lee", dateOfBirth: "2013-01-01" })];
    const incoming = [record("n2", { forename: "Ada", surname: "Lee", dateOfBirth: "2013-01-01" }), record("n1", { upn: "UPN000000001" })];
    const { proposals } = proposeMatches("PUPIL", incoming, existing);
    expect(proposals.get("n1")).toMatchObject({ outcome: "MATCHED", personId: "a" });
    expect(proposals.get("n2")).toMatchObject({ outcome: "NEW" });
  });

  it("keeps a record's strong match even when a weaker rule would also point at someone else", () => {
    // n1 is a's by UPN; b merely shares n1's name and date of birth.
    const existing = [person("a", { upn: "UPN000000001" }), person("b", { forename: "Ada", surname: "Lee", dateOfBirth: "2013-01-01" })];
    const { proposals, unmatched } = proposeMatches("PUPIL", [record("n1", { upn: "UPN000000001", forename: "Ada", surname: "Lee", dateOfBirth: "2013-01-01" })], existing);
    expect(proposals.get("n1")).toMatchObject({ outcome: "MATCHED", personId: "a", rule: "UPN" });
    expect(unmatched.map((p) => p.id)).toEqual(["b"]);
  });

  it("gives one outcome per record, in the order the records came", () => {
    const { proposals } = proposeMatches("PUPIL", [record("n1"), record("n2"), record("n3", { upn: "UPN000000003" })], [person("c", { upn: "UPN000000003" })]);
    expect([...proposals.keys()].sort()).toEqual(["n1", "n2", "n3"]);
    expect([...proposals.values()].map((p) => p.outcome).sort()).toEqual(["MATCHED", "NEW", "NEW"]);
  });
});

describe("identity rules for staff", () => {
  it("matches by work email ignoring case and spaces, then staff code, then teacher number", () => {
    const existing = [
      person("a", { email: "Ada.Lee@School.example" }),
      person("b", { staffCode: "ABC" }),
      person("c", { teacherNumber: "1234567" }),
    ];
    const incoming = [record("n1", { email: " ada.lee@school.EXAMPLE " }), record("n2", { staffCode: "abc" }), record("n3", { teacherNumber: "1234567" })];
    const { proposals, unmatched } = proposeMatches("STAFF", incoming, existing);
    expect(proposals.get("n1")).toEqual({ outcome: "MATCHED", personId: "a", rule: "work email", reason: "Same work email (ada.lee@school.example)" });
    expect(proposals.get("n2")).toEqual({ outcome: "MATCHED", personId: "b", rule: "staff code", reason: "Same staff code (abc)" });
    expect(proposals.get("n3")).toEqual({ outcome: "MATCHED", personId: "c", rule: "teacher number", reason: "Same teacher reference number" });
    expect(unmatched).toEqual([]);
  });

  it("prefers the work email over a staff code that points at someone else", () => {
    const existing = [person("a", { email: "x@school.example" }), person("b", { staffCode: "XYZ" })];
    const { proposals } = proposeMatches("STAFF", [record("n1", { email: "x@school.example", staffCode: "XYZ" })], existing);
    expect(proposals.get("n1")).toMatchObject({ outcome: "MATCHED", personId: "a", rule: "work email" });
  });

  it("uses pupils' rules only for pupils: a staff UPN means nothing", () => {
    const { proposals } = proposeMatches("STAFF", [record("n1", { upn: "UPN000000001" })], [person("a", { upn: "UPN000000001" })]);
    expect(proposals.get("n1")).toMatchObject({ outcome: "NEW" });
  });

  it("proposes a name and date of birth match for review only", () => {
    const existing = [person("a", { forename: "Jo", surname: "Patel", dateOfBirth: "1980-05-05" })];
    const { proposals } = proposeMatches("STAFF", [record("n1", { forename: "jo", surname: "PATEL", dateOfBirth: "1980-05-05" })], existing);
    expect(proposals.get("n1")).toEqual({
      outcome: "REVIEW",
      rule: "name + date of birth",
      reason: "Same name and date of birth, but no email or staff code match: please check",
      options: [{ personId: "a", label: "Person a", rule: "name + date of birth" }],
    });
  });
});

describe("sharedUpns", () => {
  it("lists each UPN the new MIS gives more than one pupil, with their names, and nothing else", () => {
    const incoming = [
      record("n1", { upn: "DUP000000001" }),
      record("n2", { upn: "ONE000000002" }),
      record("n3", { upn: "DUP000000001" }),
      record("n4", { upn: null }),
      record("n5", { upn: null }),
    ];
    expect(sharedUpns(incoming)).toEqual([{ upn: "DUP000000001", labels: ["Record n1", "Record n3"] }]);
    expect(sharedUpns([record("n1", { upn: "ONE000000001" })])).toEqual([]);
  });
});

describe("maskedUpn", () => {
  it("shows only the last four characters", () => {
    expect(maskedUpn("A123456789012")).toBe("…9012");
    expect(maskedUpn(null)).toBe("none");
    expect(maskedUpn("")).toBe("none");
  });
});

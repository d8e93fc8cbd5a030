import { describe, expect, it } from "vitest";
import { domainOwnerKey, isPublicMailDomain } from "@/server/matching/domains";
import { emailDomain, isUniqueViolation } from "@/server/matching/identities";

// The small rules User Matching builds on (written for mutants that survived; see tests/MUTANTS.md).

describe("matching helpers", () => {
  it("reads an email's domain in lower case, and none from an address without one", () => {
    expect(emailDomain("Head@Oakfield.SCH.uk")).toBe("oakfield.sch.uk");
    expect(emailDomain("odd@name@oakfield.org")).toBe("oakfield.org");
    expect(emailDomain("a@b")).toBe("b");
    expect(emailDomain("@oakfield.org")).toBeNull();
    expect(emailDomain("head@")).toBeNull();
    expect(emailDomain("oakfield.org")).toBeNull();
  });

  it("knows public mail services whatever the case", () => {
    expect(isPublicMailDomain("GMAIL.com")).toBe(true);
    expect(isPublicMailDomain("oakfield.sch.uk")).toBe(false);
  });

  it("gives a domain one owner per trust, or the school itself outside a trust", () => {
    expect(domainOwnerKey({ id: "s1", trustId: "t1" })).toBe("t1");
    expect(domainOwnerKey({ id: "s1", trustId: null })).toBe("school:s1");
  });

  it("recognises Prisma's unique-constraint error and nothing else", () => {
    expect(isUniqueViolation({ code: "P2002" })).toBe(true);
    expect(isUniqueViolation({ code: "P2025" })).toBe(false);
    expect(isUniqueViolation({})).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
    expect(isUniqueViolation("P2002")).toBe(false);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { isAdminRole, roleAtSchool, schoolsForUser, seesWholeSchool } from "@/server/schools/access";
import { createUser } from "../helpers/fixtures";

// Which schools a user may open, and as what: the answer every procedure's access check and the
// school switcher rely on.

describe("school access", () => {
  const ids = {} as Record<"trust" | "otherTrust" | "zeal" | "apple" | "mid" | "elsewhere", string>;
  beforeAll(async () => {
    ids.trust = (await db.trust.create({ data: { name: "Access Trust" } })).id;
    ids.otherTrust = (await db.trust.create({ data: { name: "Other Trust" } })).id;
    // Created out of alphabetical order, so sorting is the code's doing.
    ids.zeal = (await db.school.create({ data: { name: "Zeal Academy", trustId: ids.trust } })).id;
    ids.apple = (await db.school.create({ data: { name: "Appletree Primary", trustId: ids.trust } })).id;
    ids.mid = (await db.school.create({ data: { name: "Middlemarch School" } })).id;
    ids.elsewhere = (await db.school.create({ data: { name: "Elsewhere School", trustId: ids.otherTrust } })).id;
  });
  afterAll(() => db.$disconnect());

  it("lists a member's schools with their role at each, by name", async () => {
    const user = await createUser(db, { schoolId: ids.mid, role: "SCHOOL_ADMIN" });
    await db.schoolMembership.create({ data: { userId: user.id, schoolId: ids.apple, role: "STAFF" } });
    expect(await schoolsForUser(db, user.id)).toEqual([
      { schoolId: ids.apple, schoolName: "Appletree Primary", role: "STAFF" },
      { schoolId: ids.mid, schoolName: "Middlemarch School", role: "SCHOOL_ADMIN" },
    ]);
    expect(await roleAtSchool(db, user.id, ids.mid)).toBe("SCHOOL_ADMIN");
    expect(await roleAtSchool(db, user.id, ids.apple)).toBe("STAFF");
    expect(await roleAtSchool(db, user.id, ids.zeal)).toBeNull();
    expect(await roleAtSchool(db, user.id, ids.elsewhere)).toBeNull();
  });

  it("gives a trust admin every school of their trust as TRUST_ADMIN, over any membership there, and keeps their other memberships", async () => {
    const user = await createUser(db, { schoolId: ids.apple, role: "STAFF" });
    await db.schoolMembership.create({ data: { userId: user.id, schoolId: ids.mid, role: "STAFF" } });
    await db.user.update({ where: { id: user.id }, data: { trustId: ids.trust } });
    expect(await schoolsForUser(db, user.id)).toEqual([
      { schoolId: ids.apple, schoolName: "Appletree Primary", role: "TRUST_ADMIN" },
      { schoolId: ids.mid, schoolName: "Middlemarch School", role: "STAFF" },
      { schoolId: ids.zeal, schoolName: "Zeal Academy", role: "TRUST_ADMIN" },
    ]);
    expect(await roleAtSchool(db, user.id, ids.apple)).toBe("TRUST_ADMIN");
    expect(await roleAtSchool(db, user.id, ids.zeal)).toBe("TRUST_ADMIN");
    expect(await roleAtSchool(db, user.id, ids.mid)).toBe("STAFF");
    expect(await roleAtSchool(db, user.id, ids.elsewhere)).toBeNull();

    // Someone else at a school of that trust is still just a member there.
    const colleague = await createUser(db, { schoolId: ids.zeal, role: "STAFF" });
    expect(await roleAtSchool(db, colleague.id, ids.zeal)).toBe("STAFF");
    expect(await roleAtSchool(db, colleague.id, ids.apple)).toBeNull();
    expect(await schoolsForUser(db, colleague.id)).toEqual([{ schoolId: ids.zeal, schoolName: "Zeal Academy", role: "STAFF" }]);
  });

  it("gives nobody anything for an unknown user or a user with no schools", async () => {
    expect(await schoolsForUser(db, "no-such-user")).toEqual([]);
    expect(await roleAtSchool(db, "no-such-user", ids.mid)).toBeNull();
    const loner = await createUser(db);
    expect(await schoolsForUser(db, loner.id)).toEqual([]);
  });

  it("counts school and trust admins as admins, and no one else", () => {
    expect(isAdminRole("SCHOOL_ADMIN")).toBe(true);
    expect(isAdminRole("TRUST_ADMIN")).toBe(true);
    expect(isAdminRole("STAFF")).toBe(false);
    expect(isAdminRole(null)).toBe(false);
  });

  it("lets a school's admins, trust admins and trust viewers read the whole school (every incident, full UPNs, the log export), and no one else", () => {
    const roles = ["SCHOOL_ADMIN", "TRUST_ADMIN", "TRUST_VIEWER", "STAFF", "PUPIL", null] as const;
    expect(roles.filter((role) => seesWholeSchool(role))).toEqual(["SCHOOL_ADMIN", "TRUST_ADMIN", "TRUST_VIEWER"]);
  });
});

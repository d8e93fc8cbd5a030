/**
 * Pupils, their families and contacts. Siblings share one family, so their contacts are the
 * same records (one link per pupil), as in a real MIS.
 */
import { dateOnly, DAY } from "./clock";
import type { GenContext } from "./context";
import type {
  Address,
  ContactInfo,
  ContactLink,
  ContactRec,
  Gender,
  StudentRec,
  YearGroup,
} from "./model";
import {
  ADULT_NAMES_FEMALE,
  ADULT_NAMES_MALE,
  CHILD_NAMES_FEMALE,
  CHILD_NAMES_MALE,
  emailSlug,
  HOUSE_NAMES,
  landlineNumber,
  mobileNumber,
  PERSONAL_EMAIL_DOMAINS,
  STREETS,
  SURNAMES,
} from "./names";
import { makeUpn, UPN_ALPHABET } from "./upn";

const KNOWN_AS: Readonly<Record<string, string>> = {
  Alexander: "Alex", William: "Will", Thomas: "Tom", Benjamin: "Ben", Samuel: "Sam",
  Joshua: "Josh", Theodore: "Teddy", Zachary: "Zach", Isabella: "Bella", Matilda: "Tilly",
  Penelope: "Penny", Florence: "Flo", Elizabeth: "Libby", Arabella: "Bella", Evelyn: "Evie",
};

export function initialsOf(forename: string, middleNames: string | null): string {
  const names = [forename, ...(middleNames ? middleNames.split(" ") : [])];
  return names.map((n) => n.charAt(0).toUpperCase()).join("");
}

export function randomGender(ctx: GenContext): Gender {
  return ctx.rng.chance(0.5) ? "MALE" : "FEMALE";
}

export function forenameFor(ctx: GenContext, gender: Gender, adult: boolean): string {
  if (adult) return ctx.rng.pick(gender === "MALE" ? ADULT_NAMES_MALE : ADULT_NAMES_FEMALE);
  return ctx.rng.pick(gender === "MALE" ? CHILD_NAMES_MALE : CHILD_NAMES_FEMALE);
}

export function middleNamesFor(ctx: GenContext, gender: Gender, adult: boolean): string | null {
  if (ctx.rng.chance(0.35)) return null;
  const first = forenameFor(ctx, gender, adult);
  return ctx.rng.chance(0.1) ? `${first} ${forenameFor(ctx, gender, adult)}` : first;
}

export function randomAddress(ctx: GenContext): Address {
  const { spec, rng } = ctx;
  const outward = spec.postcode.split(" ")[0] ?? spec.postcode;
  const letters = "ABDEFGHJLNPQRSTUWXYZ";
  const inward = `${rng.int(1, 9)}${rng.pick([...letters])}${rng.pick([...letters])}`;
  const named = rng.chance(0.06);
  return {
    houseNumber: named ? null : String(rng.int(1, 180)),
    houseName: named ? rng.pick(HOUSE_NAMES) : null,
    street: rng.pick(STREETS),
    town: spec.town,
    county: spec.county,
    postcode: `${outward} ${inward}`,
  };
}

export function personalEmail(ctx: GenContext, forename: string, surname: string): string {
  const local = `${emailSlug(forename)}.${emailSlug(surname)}${ctx.rng.int(1, 99)}`;
  return `${local}@${ctx.rng.pick(PERSONAL_EMAIL_DOMAINS)}`;
}

/** An adult in a pupil's family, before they are linked to any pupil. */
interface FamilyAdult {
  contact: ContactRec;
  relationship: string;
  parentalResponsibility: boolean;
  livesWithPupil: boolean;
}

export interface Family {
  surname: string;
  address: Address;
  phoneHome: string | null;
  adults: FamilyAdult[];
  years: Set<number>;
  children: number;
}

function titleFor(ctx: GenContext, gender: Gender): string {
  if (ctx.rng.chance(0.03)) return "Dr";
  if (gender === "MALE") return "Mr";
  return ctx.rng.weighted(["Mrs", "Ms", "Miss"], [6, 3, 2]);
}

function makeContact(
  ctx: GenContext,
  gender: Gender,
  surname: string,
  home: { address: Address; phoneHome: string | null } | null,
): ContactRec {
  const forename = forenameFor(ctx, gender, true);
  const middleNames = ctx.rng.chance(0.3) ? middleNamesFor(ctx, gender, true) : null;
  const identity = ctx.ids.identity("contact");
  const contact: ContactInfo = {
    emailHome: ctx.rng.chance(0.88) ? personalEmail(ctx, forename, surname) : null,
    emailWork: ctx.rng.chance(0.1) ? personalEmail(ctx, forename, surname) : null,
    phoneHome: home?.phoneHome ?? null,
    phoneWork: ctx.rng.chance(0.25) ? landlineNumber(ctx.phone()) : null,
    phoneMobile: ctx.rng.chance(0.95) ? mobileNumber(ctx.phone()) : null,
    address: home ? home.address : randomAddress(ctx),
  };
  return {
    kind: "contact",
    ...identity,
    ...ctx.stamps(ctx.now - ctx.rng.int(30, 2000) * DAY),
    title: titleFor(ctx, gender),
    forename,
    surname,
    middleNames,
    legalForename: forename,
    legalSurname: surname,
    gender,
    dateOfBirth: null,
    contact,
  };
}

type Household = "two parents" | "mother" | "father" | "mother and step-father" | "grandparents" | "foster carer";

/** A household and its adults; `contacts` collects every new contact for the school list. */
export function makeFamily(ctx: GenContext, contacts: ContactRec[]): Family {
  const { rng } = ctx;
  const surname = rng.pick(SURNAMES);
  const address = randomAddress(ctx);
  const phoneHome = rng.chance(0.45) ? landlineNumber(ctx.phone()) : null;
  const home = { address, phoneHome };
  const household = rng.weighted<Household>(
    ["two parents", "mother", "father", "mother and step-father", "grandparents", "foster carer"],
    [62, 20, 5, 6, 4, 3],
  );
  const adults: FamilyAdult[] = [];
  const add = (gender: Gender, name: string, relationship: string, pr: boolean, lives = true) => {
    const contact = makeContact(ctx, gender, name, lives ? home : null);
    contacts.push(contact);
    adults.push({ contact, relationship, parentalResponsibility: pr, livesWithPupil: lives });
  };
  const otherSurname = () => rng.pick(SURNAMES);
  switch (household) {
    case "two parents": {
      const separated = rng.chance(0.15);
      const motherFirst = rng.chance(0.7);
      const mother = () => add("FEMALE", rng.chance(0.82) ? surname : otherSurname(), "Mother", true);
      const father = () => add("MALE", surname, "Father", true, !separated);
      if (motherFirst) {
        mother();
        father();
      } else {
        father();
        mother();
      }
      break;
    }
    case "mother":
      add("FEMALE", surname, "Mother", true);
      if (rng.chance(0.4)) add("MALE", surname, "Father", true, false);
      break;
    case "father":
      add("MALE", surname, "Father", true);
      break;
    case "mother and step-father":
      add("FEMALE", surname, "Mother", true);
      add("MALE", otherSurname(), "Step-father", false);
      add("MALE", surname, "Father", true, false);
      break;
    case "grandparents":
      add("FEMALE", surname, "Grandmother", true);
      if (rng.chance(0.6)) add("MALE", surname, "Grandfather", true);
      break;
    case "foster carer":
      add(rng.chance(0.8) ? "FEMALE" : "MALE", otherSurname(), "Foster Carer", false);
      break;
  }
  if (rng.chance(0.3)) {
    const relative = rng.weighted(["Grandmother", "Grandfather", "Aunt", "Uncle", "Family Friend"], [5, 2, 3, 2, 1]);
    const gender: Gender = ["Grandfather", "Uncle"].includes(relative) ? "MALE" : relative === "Family Friend" ? randomGender(ctx) : "FEMALE";
    add(gender, rng.chance(0.5) ? surname : otherSurname(), relative, false, false);
  }
  return { surname, address, phoneHome, adults, years: new Set(), children: 0 };
}

function linksFor(family: Family): ContactLink[] {
  return family.adults.map((adult, index) => ({
    contact: adult.contact,
    relationship: adult.relationship,
    parentalResponsibility: adult.parentalResponsibility,
    priority: index + 1,
    livesWithPupil: adult.livesWithPupil,
    // Letters go to those with parental responsibility who live with the pupil.
    correspondence: adult.parentalResponsibility && adult.livesWithPupil,
  }));
}

/** Where a pupil's UPN was issued: usually their first school, which may not be this one. */
function issueUpn(ctx: GenContext, entryYear: number, feeders: readonly string[]): string {
  const { rng, spec } = ctx;
  let la = spec.laCode;
  let establishment = spec.establishmentNumber;
  if (spec.phase === "SECONDARY" || rng.chance(0.15)) {
    establishment = rng.chance(0.9) ? rng.pick(feeders) : `2${rng.digits(3)}`;
    if (rng.chance(0.08)) la = String(rng.int(201, 938));
  }
  const key = `${la}${establishment}${entryYear % 100}`;
  for (;;) {
    const serial = (ctx.upnSerials.get(key) ?? rng.int(0, 40)) + 1;
    ctx.upnSerials.set(key, serial);
    const upn = makeUpn({ laCode: la, establishment, year: entryYear, serial });
    if (!ctx.upns.has(upn)) {
      ctx.upns.add(upn);
      return upn;
    }
  }
}

function temporaryUpn(ctx: GenContext, year: number): string {
  const { spec, rng } = ctx;
  for (;;) {
    const upn = makeUpn({
      laCode: spec.laCode,
      establishment: spec.establishmentNumber,
      year,
      serial: rng.int(0, 999),
      temporaryLetter: rng.pick([...UPN_ALPHABET]),
    });
    if (!ctx.upns.has(upn)) {
      ctx.upns.add(upn);
      return upn;
    }
  }
}

export interface PupilOptions {
  year: YearGroup;
  family: Family;
  /** Feeder schools' establishment numbers (where secondary pupils got their UPNs). */
  feeders: readonly string[];
  /** 1 for last year's leavers: a year older than the year group they left from. */
  cohortShift?: number;
  admissionDate?: number;
}

export function makePupil(ctx: GenContext, options: PupilOptions): StudentRec {
  const { rng, spec, academicYear } = ctx;
  const { year, family } = options;
  const nc = year.nc + (options.cohortShift ?? 0);
  const gender = randomGender(ctx);
  const legalForename = forenameFor(ctx, gender, false);
  // Some pupils are known by a short form of their legal forename.
  const short = KNOWN_AS[legalForename];
  const forename = short && rng.chance(0.3) ? short : legalForename;
  const middleNames = middleNamesFor(ctx, gender, false);
  const surname = rng.chance(0.9)
    ? family.surname
    : rng.chance(0.5)
      ? `${family.surname}-${rng.pick(SURNAMES)}`
      : rng.pick(SURNAMES);
  // Born between 1 September and 31 August of the cohort's year.
  const bornFrom = dateOnly(academicYear - 5 - nc, 9, 1);
  const bornTo = dateOnly(academicYear - 4 - nc, 8, 31);
  const dateOfBirth = ctx.dayBetween(bornFrom, bornTo);
  const receptionYear = academicYear - nc;
  const normalEntry =
    spec.phase === "PRIMARY"
      ? dateOnly(receptionYear, 9, 4)
      : dateOnly(academicYear - (year.nc >= 12 && rng.chance(0.25) ? nc - 12 : nc - 7), 9, 4);
  const admissionDate =
    options.admissionDate ??
    (rng.chance(0.1) ? ctx.dayBetween(normalEntry, ctx.now - 30 * DAY) : normalEntry);

  const missingUpn = rng.chance(0.02);
  const upn = missingUpn ? null : issueUpn(ctx, receptionYear, options.feeders);
  const formerUpn = !missingUpn && rng.chance(0.03) ? temporaryUpn(ctx, receptionYear) : null;
  const emailWork =
    spec.phase === "SECONDARY"
      ? ctx.uniqueEmail(
          `${String(receptionYear % 100).padStart(2, "0")}${emailSlug(surname)}${emailSlug(forename).charAt(0)}`,
          spec.emailDomain,
        )
      : null;

  family.years.add(year.nc);
  family.children += 1;
  return {
    kind: "student",
    ...ctx.ids.identity("student"),
    ...ctx.stamps(admissionDate),
    forename,
    surname,
    middleNames,
    legalForename,
    legalSurname: surname,
    gender,
    dateOfBirth,
    contact: {
      emailHome: null,
      emailWork,
      phoneHome: family.phoneHome,
      phoneWork: null,
      phoneMobile: spec.phase === "SECONDARY" && nc >= 9 && rng.chance(0.6) ? mobileNumber(ctx.phone()) : null,
      address: family.address,
    },
    upn,
    formerUpn,
    admissionNumber: String(ctx.nextAdmissionNumber++).padStart(6, "0"),
    year,
    admissionDate,
    leavingDate: null,
    partTime: year.nc === 0 && rng.chance(0.03),
    contacts: linksFor(family),
  };
}

/**
 * A family for the next pupil: usually new, sometimes an existing family with no child yet in
 * that year group (a sibling), which is how contacts come to be shared.
 */
export function familyFor(
  ctx: GenContext,
  families: Family[],
  nc: number,
  contacts: ContactRec[],
): Family {
  const { rng } = ctx;
  if (families.length > 0 && rng.chance(0.16)) {
    for (let attempt = 0; attempt < 4; attempt++) {
      const candidate = families[rng.int(Math.max(0, families.length - 400), families.length - 1)] as Family;
      if (!candidate.years.has(nc) && candidate.children < 4) return candidate;
    }
  }
  const family = makeFamily(ctx, contacts);
  families.push(family);
  return family;
}

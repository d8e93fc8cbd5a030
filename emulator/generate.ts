/**
 * Builds one school's data from its spec and the emulator's seed. A school is generated
 * lazily, the first time anything asks for it, from random streams keyed by the seed and the
 * school id alone, so the order in which schools are touched never changes their data.
 */
import { dateOnly, DAY } from "./clock";
import { GenContext } from "./context";
import { makeSubjects, planClasses } from "./curriculum";
import { IdFactory } from "./ids";
import type { ContactRec, ResolvedSpec, SchoolData, SchoolSpec, StudentRec, YearGroup } from "./model";
import { familyFor, makeFamily, makePupil, type Family } from "./people";
import { hash128, Rng } from "./prng";
import { staffSchool } from "./staff";

const PLACES = [
  { town: "Leeds", county: "West Yorkshire", postcode: "LS6 2AB", la: "383" },
  { town: "Norwich", county: "Norfolk", postcode: "NR2 3HT", la: "926" },
  { town: "Maidstone", county: "Kent", postcode: "ME15 6QD", la: "886" },
  { town: "Birmingham", county: "West Midlands", postcode: "B13 9PL", la: "330" },
  { town: "Cambridge", county: "Cambridgeshire", postcode: "CB4 1JH", la: "873" },
  { town: "Bristol", county: "Bristol", postcode: "BS7 8AA", la: "801" },
  { town: "Preston", county: "Lancashire", postcode: "PR1 7EJ", la: "888" },
  { town: "Reading", county: "Berkshire", postcode: "RG1 5PN", la: "870" },
] as const;

/** Fills a spec's optional fields with stable values derived from its id. */
export function resolveSpec(spec: SchoolSpec): ResolvedSpec {
  const [a, b, c] = hash128(spec.id);
  const place = PLACES[a % PLACES.length] ?? PLACES[0];
  const slug = spec.name
    .toLowerCase()
    .replace(/\b(primary|secondary|school|academy|high|college|church of england|c of e)\b/g, "")
    .replace(/[^a-z]/g, "");
  return {
    laCode: place.la,
    establishmentNumber: `${spec.phase === "PRIMARY" ? 2 : 4}${String(b % 1000).padStart(3, "0")}`,
    urn: 100000 + (c % 900000),
    town: place.town,
    county: place.county,
    postcode: place.postcode,
    emailDomain: `${slug || "school"}.sch.uk`,
    ...spec,
  };
}

function makeYears(ctx: GenContext): YearGroup[] {
  const range = ctx.spec.phase === "PRIMARY" ? [0, 1, 2, 3, 4, 5, 6] : [7, 8, 9, 10, 11, 12, 13];
  return range.map((nc) => ({
    ...ctx.ids.identity("year"),
    ...ctx.stamps(ctx.connectedAt),
    nc,
    code: nc === 0 ? "R" : String(nc),
    name: nc === 0 ? "Reception" : `Year ${nc}`,
  }));
}

/** Pupils per year group: even in primary, smaller sixth-form years in secondary. */
function yearSizes(years: YearGroup[], pupils: number): number[] {
  const weights = years.map((y) => (y.nc >= 12 ? 0.55 : 1));
  const total = weights.reduce((sum, w) => sum + w, 0);
  return weights.map((w) => Math.max(1, Math.round((pupils * w) / total)));
}

export function emptySchool(spec: ResolvedSpec, ids: IdFactory): SchoolData {
  return {
    spec,
    mis: spec.mis,
    ids,
    years: [],
    subjects: [],
    students: [],
    leavers: [],
    employees: [],
    contacts: [],
    classes: [],
    deletions: [],
    version: 0,
    changeBatches: 0,
    migrations: 0,
  };
}

/** When Wonde first synced the school: derived from the seed, within the last few years. */
export function connectedAt(seed: string, schoolId: string, start: number): number {
  return start - new Rng(`${seed}|${schoolId}|connected`).int(200, 1600) * DAY;
}

/** @param slot the school's place in the configuration, which keeps its ids apart (ids.ts). */
export function generateSchool(spec: ResolvedSpec, seed: string, start: number, slot: number): SchoolData {
  const ids = new IdFactory(new Rng(`${seed}|${spec.id}|ids`), spec.id, spec.mis, slot, new Set());
  const school = emptySchool(spec, ids);
  const rng = new Rng(`${seed}|${spec.id}|people`);
  const ctx = new GenContext(school, rng, ids, start, false, connectedAt(seed, spec.id, start));

  ctx.nextAdmissionNumber = rng.int(1000, 4000);
  school.years = makeYears(ctx);
  school.subjects = makeSubjects(ctx);
  // Feeder primaries, where most secondary pupils were given their UPNs.
  const feeders = Array.from({ length: 8 }, () => `2${rng.digits(3)}`);
  const contacts: ContactRec[] = [];
  const families: Family[] = [];
  const sizes = yearSizes(school.years, spec.pupils);
  // Oldest first, so admission numbers rise with admission dates.
  for (let y = school.years.length - 1; y >= 0; y--) {
    const year = school.years[y] as YearGroup;
    for (let i = 0; i < (sizes[y] ?? 0); i++) {
      const family = familyFor(ctx, families, year.nc, contacts);
      school.students.push(makePupil(ctx, { year, family, feeders }));
    }
  }
  school.leavers = lastYearsLeavers(ctx, feeders);
  school.contacts = contacts;
  const plan = planClasses(ctx, school.students, school.subjects);
  school.classes = plan.classes;
  school.employees = staffSchool(ctx, plan);
  return school;
}

/** Pupils who left at the end of last summer term from the oldest year group. */
function lastYearsLeavers(ctx: GenContext, feeders: string[]): StudentRec[] {
  const oldest = ctx.school.years[ctx.school.years.length - 1];
  if (!oldest) return [];
  const leavingDate = dateOnly(ctx.academicYear, 7, 22);
  const count = Math.max(1, Math.round(ctx.spec.pupils * 0.04));
  const scratch: ContactRec[] = []; // leavers' contacts are no longer held by the MIS
  return Array.from({ length: count }, () => {
    const pupil = makePupil(ctx, { year: oldest, family: makeFamily(ctx, scratch), feeders, cohortShift: 1 });
    pupil.contacts = [];
    pupil.leavingDate = leavingDate;
    pupil.updatedAt = Math.min(ctx.now - DAY, Math.max(pupil.updatedAt, leavingDate + 3 * 3600));
    return pupil;
  });
}

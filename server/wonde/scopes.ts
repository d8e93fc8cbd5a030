/**
 * Wonde scopes (data permissions a school approves per field) that Staffroom relies on,
 * and what each costs the school when it is not approved. Unapproved fields arrive as
 * null, so without this a school just sees blank columns and failed matches.
 *
 * Wonde's portal names scopes "<Objects> <field> read" ("Employees staff code read",
 * "Contacts parental responsibility read"); the API's exact spelling is not documented
 * [?], so names are compared after normalising case, punctuation, plurals and a
 * trailing "read" ("students.upn", "Student UPN read" and "Students upn read" agree).
 */

export interface ScopeRequirement {
  /** Canonical name, as the school sees it in the Wonde portal. */
  scope: string;
  /** Short label for a settings table. */
  label: string;
  /** Plain-English consequence of the scope being missing. */
  cost: string;
  /** "required": a core feature breaks; "recommended": something degrades. */
  importance: "required" | "recommended";
}

export const SCOPES_WE_USE: readonly ScopeRequirement[] = [
  {
    scope: "Student UPN read", label: "UPN", importance: "required",
    cost: "Without it pupils can't be re-matched by UPN after an MIS migration, so their incident history could split across duplicate records.",
  },
  {
    scope: "Student former UPN read", label: "Former UPN", importance: "recommended",
    cost: "Without it a pupil whose UPN was corrected in the MIS can't be matched to their earlier record.",
  },
  {
    scope: "Student date of birth read", label: "Pupil date of birth", importance: "recommended",
    cost: "Without it pupils with the same name can't be told apart in search and matching.",
  },
  {
    scope: "Employee email read", label: "Staff email", importance: "required",
    cost: "Without it staff can't be matched to their sign-in accounts automatically, and each account must be linked by hand.",
  },
  {
    scope: "Employee staff code read", label: "Staff code", importance: "required",
    cost: "Without it staff can't be re-matched after an MIS migration except by name and date of birth, which is less reliable.",
  },
  {
    scope: "Employee date of birth read", label: "Staff date of birth", importance: "recommended",
    cost: "Without it staff with common names may not be re-matched after an MIS migration.",
  },
  {
    scope: "Employee current read", label: "Current staff flag", importance: "required",
    cost: "Without it Staffroom can't tell current staff from leavers, so leavers are never archived.",
  },
  {
    scope: "Employee teaching staff read", label: "Teaching staff flag", importance: "recommended",
    cost: "Without it teaching and support staff can't be told apart.",
  },
  {
    scope: "Employee role read", label: "Staff roles", importance: "recommended",
    cost: "Without it staff have no job title in Staffroom.",
  },
  {
    scope: "Employee photo read", label: "Staff photos", importance: "recommended",
    cost: "Without it staff appear without photos.",
  },
  {
    scope: "Contact email read", label: "Contact email", importance: "required",
    cost: "Without it parents and carers can't be emailed when an incident involving their child is logged.",
  },
  {
    scope: "Contact parental responsibility read", label: "Parental responsibility", importance: "required",
    cost: "Without it Staffroom can't tell which contacts hold parental responsibility, so it can't suggest who to notify after an incident.",
  },
  {
    scope: "Contact relationship read", label: "Contact relationship", importance: "recommended",
    cost: "Without it contacts are listed without saying how they are related to the pupil.",
  },
  {
    scope: "Contact priority read", label: "Contact priority", importance: "recommended",
    cost: "Without it contacts can't be listed in the order the school calls them.",
  },
  {
    scope: "Class name read", label: "Class names", importance: "recommended",
    cost: "Without it classes appear without names, and classes can't be re-matched after an MIS migration.",
  },
];

const PLURALS: Readonly<Record<string, string>> = {
  students: "student", pupils: "student", pupil: "student",
  employees: "employee", staff: "employee",
  contacts: "contact", classes: "class", subjects: "subject",
};

/** "Students UPN read" / "students.upn" / "student_upn" → "student upn". */
export function normaliseScope(name: string): string {
  const words = name.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  if (words.at(-1) === "read") words.pop();
  const [first, ...rest] = words;
  if (first === undefined) return "";
  return [PLURALS[first] ?? first, ...rest].join(" ");
}

export interface MissingScope extends ScopeRequirement {
  /** One sentence for the settings page, e.g. "UPN not shared: approve …". */
  message: string;
}

/** For each scope we use that is not in `approved`, what it costs the school. */
export function describeMissingScopes(approved: readonly string[]): MissingScope[] {
  const have = new Set(approved.map(normaliseScope));
  return SCOPES_WE_USE.filter((s) => !have.has(normaliseScope(s.scope))).map((s) => ({
    ...s,
    message: `${s.label} not shared: approve "${s.scope}" in the Wonde portal. ${s.cost}`,
  }));
}

/**
 * Scopes a school approves for an application. Wonde answers a property whose scope is not
 * approved with `null` rather than leaving it out; an object scope (e.g. "Student read")
 * that is not approved makes the whole endpoint answer 403, and an include behind an
 * unapproved scope comes back empty (`{"data":null}` or `{"data":[]}`). The names follow the
 * wording Wonde shows schools ("Student UPN read"); the exact list is an emulator choice,
 * spelt as server/wonde/scopes.ts expects. "Student UPN read" covers `upn`, `local_upn` and
 * `former_upn` (a former UPN is a UPN); "Student former UPN read" covers `former_upn` alone.
 */

export const SCOPES = [
  "School read",
  "Student read",
  "Student UPN read",
  "Student former UPN read",
  "Student date of birth read",
  "Student gender read",
  "Student education details read",
  "Student contact details read",
  "Employee read",
  "Employee email read",
  "Employee staff code read",
  "Employee date of birth read",
  "Employee gender read",
  "Employee current read",
  "Employee teaching staff read",
  "Employee role read",
  "Employee photo read",
  "Employee contact details read",
  "Employee employment details read",
  "Employee next of kin read",
  "Employee hierarchy read",
  "Contact read",
  "Contact email read",
  "Contact contact details read",
  "Contact parental responsibility read",
  "Contact relationship read",
  "Contact priority read",
  "Class read",
  "Class name read",
  "Subject read",
  "Group read",
] as const;

export type ScopeName = (typeof SCOPES)[number];

export type ScopeSet = Readonly<Record<ScopeName, boolean>>;

export function isScopeName(value: string): value is ScopeName {
  return (SCOPES as readonly string[]).includes(value);
}

/** Every scope approved, then the overrides applied. */
export function resolveScopes(overrides: Partial<Record<ScopeName, boolean>> = {}): ScopeSet {
  const all = Object.fromEntries(SCOPES.map((scope) => [scope, true])) as Record<ScopeName, boolean>;
  return { ...all, ...overrides };
}

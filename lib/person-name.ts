/** The name fields every person row carries. */
export type NamedPerson = { title?: string | null; forename: string; surname: string; initials?: string | null };

/**
 * A person as Staffroom shows them everywhere: "Surname, Forename (initials)",
 * optionally with their title ("Smith, Mrs Jane (JS)").
 */
export function formatPersonName(person: NamedPerson, options: { title?: boolean } = {}): string {
  const given = [options.title ? person.title?.trim() : null, person.forename.trim()].filter(Boolean).join(" ");
  const name = given ? `${person.surname.trim()}, ${given}` : person.surname.trim();
  return person.initials?.trim() ? `${name} (${person.initials.trim()})` : name;
}

// A family's email names their own child only. Free text typed by staff ("Ella and Sam
// collided…") has every other pupil's name taken out before it goes anywhere near an email.
import type { Db } from "../db";
import { normaliseSearchText } from "./search-text";

type Name = { forename: string; surname: string };

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const words = (text: string) => text.split(/[^\p{L}\p{M}'’-]+/u).filter(Boolean);

/**
 * Replaces other people's names with "another pupil": full names ("Sam Smith", "Smith, Sam")
 * and, for the people named in the incident, their forenames and surnames alone, except where
 * a word is also part of the name of the person the email is about.
 */
export function redactNames(text: string, about: Name | null, others: Name[], replacement = "another pupil"): string {
  const keep = new Set(about ? [...words(about.forename), ...words(about.surname)].map((w) => w.toLowerCase()) : []);
  const phrases = new Set<string>();
  for (const o of others) {
    phrases.add(`${o.forename} ${o.surname}`);
    phrases.add(`${o.surname}, ${o.forename}`);
    phrases.add(`${o.surname} ${o.forename}`);
    for (const w of [...words(o.forename), ...words(o.surname)]) if (w.length > 1 && !keep.has(w.toLowerCase())) phrases.add(w);
  }
  // Longest first, so "Sam Smith" goes as one before "Sam" could.
  let out = text;
  for (const phrase of [...phrases].sort((a, b) => b.length - a.length)) {
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{M}])${escape(phrase).replace(/ /g, "\\s+")}(?![\\p{L}\\p{M}])`, "giu"), replacement);
  }
  return out.replace(new RegExp(`(${escape(replacement)})(\\s+(and|or|,)?\\s*${escape(replacement)})+`, "gi"), "other pupils");
}

/** Pupils of the school (other than `exceptPersonId`) whose full name appears in the text. */
export async function pupilsNamedIn(db: Db, schoolId: string, text: string, exceptPersonId: string | null): Promise<Name[]> {
  // Each word as written and, for a possessive ("Nia Brook's classroom"), without its 's:
  // apostrophes stay inside words for names like O'Brien.
  const forms = words(text).map((w) => [...new Set([w, w.replace(/['’]s$/i, "")].map(normaliseSearchText).filter(Boolean))]);
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < forms.length; i++) {
    for (const a of forms[i]!) {
      for (const b of forms[i + 1]!) {
        pairs.add(`${a} ${b}`);
        pairs.add(`${b} ${a}`);
      }
    }
  }
  if (!pairs.size) return [];
  // searchName starts "surname forename": match either order of each adjacent pair of words.
  const rows = await db.$queryRaw<Name[]>`
    SELECT "forename", "surname" FROM "Person"
    WHERE "schoolId" = ${schoolId} AND "kind" = 'PUPIL' AND "id" <> ${exceptPersonId ?? ""}
      AND staffroom_search_text("surname" || ' ' || "forename") = ANY(${[...pairs]}::text[])`;
  return rows;
}

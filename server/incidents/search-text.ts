// The JavaScript twin of the database function staffroom_search_text (migration
// incident_book, redefined in person_name_word_order), for queries: A–Z lower-cased, accents folded, hyphens as spaces, apostrophes
// dropped. A test checks both agree.
const FROM = "ÀÁÂÃÄÅàáâãäåĀāĂăĄąÇçĆćČčĎďÈÉÊËèéêëĒēĘęĚěÌÍÎÏìíîïĪīŁłÑñŃńŇňÒÓÔÕÖØòóôõöøŌōŐőŘřŚśŠšŞşŤťÙÚÛÜùúûüŪūŮůŰűÝýÿŸŹźŻżŽž-";
const TO = "AAAAAAaaaaaaAaAaAaCcCcCcDdEEEEeeeeEeEeEeIIIIiiiiIiLlNnNnNnOOOOOOooooooOoOoRrSsSsSsTtUUUUuuuuUuUuUuYyyYZzZzZz ";
const FOLD = new Map([...FROM].map((ch, i) => [ch, TO[i]!]));

export function normaliseSearchText(value: string): string {
  let out = "";
  for (const ch of value) {
    if (ch === "'" || ch === "\u2019" || ch === "`") continue;
    out += FOLD.get(ch) ?? ch;
  }
  // A–Z only, as the database does (lower() there depends on the locale).
  return out.replace(/[A-Z]/g, (c) => c.toLowerCase()).replace(/\s+/g, " ").trim();
}

// School terms in England, by calendar month: autumn September–December, spring January–March,
// summer April–August (holidays fall inside them). Schools' exact dates differ (Easter moves
// the spring/summer break), so "this term" is an approximation the dashboard names with its dates.

export type Term = { name: string; from: string; to: string };

/** The term containing a calendar date ("YYYY-MM-DD"), with its first and last days. */
export function termOf(date: string): Term {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  if (month >= 9) return { name: `Autumn term ${year}`, from: `${year}-09-01`, to: `${year}-12-31` };
  if (month <= 3) return { name: `Spring term ${year}`, from: `${year}-01-01`, to: `${year}-03-31` };
  return { name: `Summer term ${year}`, from: `${year}-04-01`, to: `${year}-08-31` };
}

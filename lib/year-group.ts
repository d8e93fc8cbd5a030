/** A National Curriculum year code from the MIS ("R", "N1", "7") as people say it. */
export function yearGroupLabel(code: string | null | undefined): string {
  if (!code) return "Not recorded";
  const value = code.trim();
  if (/^N/i.test(value)) return "Nursery";
  if (/^R/i.test(value)) return "Reception";
  const year = Number.parseInt(value, 10);
  return Number.isFinite(year) ? `Year ${year}` : value;
}

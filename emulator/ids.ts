/**
 * Wonde-style identifiers. Wonde ids look like "A1930499544" (A + 10 digits); `mis_id` is
 * whatever the MIS uses (integers in SIMS, GUIDs in some others); `upi` is a 32-hex digest
 * that follows from the MIS record, so it changes whenever the `mis_id` does.
 */
import { MIS_ID_STYLE, type MisName } from "./mis";
import { hex128, Rng } from "./prng";
import type { Identity } from "./model";

/** The kinds of record that get ids; each has its own `mis_id` sequence. */
export type IdKind =
  | "student"
  | "employee"
  | "contact"
  | "class"
  | "subject"
  | "year"
  | "role"
  | "nok";

const PREFIX: Record<IdKind, string> = {
  student: "PUP",
  employee: "STF",
  contact: "CON",
  class: "SET",
  subject: "SUB",
  year: "YR",
  role: "ROL",
  nok: "NOK",
};

export class IdFactory {
  private readonly counters = new Map<IdKind, number>();

  /**
   * @param slot the school's place in the configuration (0–999): digits 5–7 of every id it
   *   issues, so two schools can never issue the same id however lazily they are generated.
   * @param used Wonde ids already taken in this school; shared across migrations so a new
   *   id can never repeat an old one.
   */
  constructor(
    private readonly rng: Rng,
    private readonly schoolId: string,
    readonly mis: MisName,
    readonly slot: number,
    readonly used: Set<string>,
  ) {
    if (!Number.isInteger(slot) || slot < 0 || slot > 999) throw new Error(`school slot ${slot} out of range`);
  }

  wondeId(): string {
    for (;;) {
      // Real ids look like signed 32-bit integers (A1930499544, A2138531762).
      const id = `A${this.rng.int(1000, 2147)}${String(this.slot).padStart(3, "0")}${this.rng.digits(3)}`;
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }

  misId(kind: IdKind): string {
    const style = MIS_ID_STYLE[this.mis];
    if (style === "guid") return this.guid();
    // Sequences start at a random point and step unevenly, like a real MIS that has been in
    // use for years.
    const previous = this.counters.get(kind) ?? this.rng.int(1000, 20000);
    const next = previous + this.rng.int(1, 3);
    this.counters.set(kind, next);
    return style === "integer" ? String(next) : `${PREFIX[kind]}${String(next).padStart(6, "0")}`;
  }

  upi(kind: IdKind, misId: string): string {
    return hex128(`${this.schoolId}|${this.mis}|${kind}|${misId}`);
  }

  identity(kind: IdKind, keepId?: string): Identity {
    const misId = this.misId(kind);
    return { id: keepId ?? this.wondeId(), misId, upi: this.upi(kind, misId) };
  }

  private guid(): string {
    const hex = () => this.rng.int(0, 0xffff).toString(16).padStart(4, "0").toUpperCase();
    return `${hex()}${hex()}-${hex()}-${hex()}-${hex()}-${hex()}${hex()}${hex()}`;
  }
}

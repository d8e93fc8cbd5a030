/**
 * State shared by the generators while they build or change one school: its random stream,
 * its id factory, and the uniqueness sets (UPNs, staff codes, emails) that a new record must
 * respect. A context is rebuilt from the school's records for every batch of changes, so the
 * school itself stays plain data.
 */
import { academicYearStart, DAY } from "./clock";
import type { IdFactory } from "./ids";
import type { ResolvedSpec, SchoolData, Stamps } from "./model";
import type { Rng } from "./prng";

export class GenContext {
  readonly spec: ResolvedSpec;
  /** Calendar year in which the current academic year began. */
  readonly academicYear: number;
  readonly upns = new Set<string>();
  readonly upnSerials = new Map<string, number>();
  readonly staffCodes = new Set<string>();
  readonly emails = new Set<string>();
  nextAdmissionNumber = 1;
  private phoneSerial: number;

  /**
   * @param now the instant new records are stamped with (live changes), or the emulator's
   *   start instant (initial generation, where stamps are back-dated from it).
   * @param live true for changes made while the emulator runs: stamps are exactly `now`.
   */
  constructor(
    readonly school: SchoolData,
    readonly rng: Rng,
    readonly ids: IdFactory,
    readonly now: number,
    readonly live: boolean,
    /** When Wonde first synced this school; nothing it holds was created before. */
    readonly connectedAt: number,
  ) {
    this.spec = school.spec;
    this.academicYear = academicYearStart(now);
    this.phoneSerial = rng.int(0, 999);
    for (const s of [...school.students, ...school.leavers]) {
      if (s.upn) this.upns.add(s.upn);
      if (s.formerUpn) this.upns.add(s.formerUpn);
      if (s.contact.emailWork) this.emails.add(s.contact.emailWork);
      this.nextAdmissionNumber = Math.max(this.nextAdmissionNumber, Number(s.admissionNumber) + 1);
    }
    for (const e of school.employees) {
      this.staffCodes.add(e.staffCode);
      if (e.contact.emailWork) this.emails.add(e.contact.emailWork);
    }
  }

  /** Created/updated stamps for a record that came into being at `since`. */
  stamps(since: number): Stamps {
    if (this.live) return { createdAt: this.now, updatedAt: this.now, restoredAt: null };
    // Wonde creates records when it first syncs them (at night, after the MIS export).
    const day = Math.max(since, this.connectedAt);
    const createdAt = Math.min(
      this.now - DAY,
      Math.floor(day / DAY) * DAY + this.rng.int(1 * 3600, 5 * 3600),
    );
    // Most records were touched recently; a few not since they were created.
    const recent = this.now - this.rng.int(1, 180) * DAY + this.rng.int(0, 86_000);
    const updatedAt = this.rng.chance(0.15)
      ? createdAt
      : Math.min(this.now - 60, Math.max(createdAt, recent));
    return { createdAt, updatedAt, restoredAt: null };
  }

  /** A fresh serial for the fictional phone ranges in names.ts. */
  phone(): number {
    this.phoneSerial = (this.phoneSerial + this.rng.int(1, 37)) % 1000;
    return this.phoneSerial;
  }

  /** `local@domain`, made unique within the school by a number when needed. */
  uniqueEmail(local: string, domain: string): string {
    let candidate = `${local}@${domain}`;
    for (let n = 2; this.emails.has(candidate); n++) candidate = `${local}${n}@${domain}`;
    this.emails.add(candidate);
    return candidate;
  }

  /** A random midnight between two instants (inclusive). */
  dayBetween(from: number, to: number): number {
    const days = Math.max(0, Math.floor((to - from) / DAY));
    return Math.floor(from / DAY) * DAY + this.rng.int(0, days) * DAY;
  }
}

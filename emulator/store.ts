/**
 * The emulator's whole state: schools (generated lazily), who may see them, their scopes,
 * the clock, faults and the request log. Everything that changes data goes through here, so
 * the same seed and the same sequence of calls always give the same responses.
 */
import { z } from "zod";
import { Clock, DAY, DEFAULT_START, formatInstant } from "./clock";
import { applyChanges, changeSpecSchema, type SchoolChangeReport } from "./changes";
import { GenContext } from "./context";
import { FaultInjector, RequestLog, type FaultRule, type LoggedRequest } from "./faults";
import { connectedAt, generateSchool, resolveSpec } from "./generate";
import { migrateSchool, type MigrateOptions, type MigrationReport } from "./migrate";
import type { MisName } from "./mis";
import type { ResolvedSpec, SchoolData, SchoolSpec } from "./model";
import { Rng } from "./prng";
import { DEFAULT_SCHOOLS, defaultAccess, type AccessStatus, type AccessTable } from "./schools";
import { resolveScopes, type ScopeName, type ScopeSet } from "./scopes";
import { mutateBody, varyBody, type MutationRule } from "./variance";

export interface WebhookTarget {
  url: string;
  secret?: string;
}

export interface EmulatorOptions {
  /** Seed for all generated data (default "staffroom"). */
  seed?: string;
  /** Schools to serve instead of the default set. */
  schools?: SchoolSpec[];
  /** token → ids of schools approved for it. Default: see schools.ts (token "demo" sees all). */
  tokens?: Record<string, string[]>;
  /** The clock's starting instant (default 2025-01-13 08:00:00 UTC). */
  start?: Date;
  /** Where /__admin/webhook sends events unless the call names a URL. */
  webhook?: WebhookTarget;
}

export const advanceOptionsSchema = changeSpecSchema.extend({
  /** How far to move the clock first (default one day). */
  seconds: z.number().int().nonnegative().optional(),
  /** Schools to change (default: every school). */
  schoolIds: z.array(z.string()).optional(),
});
export type AdvanceOptions = z.infer<typeof advanceOptionsSchema>;

export interface AdvanceReport {
  /** The clock after advancing, "YYYY-MM-DD HH:MM:SS" UTC. */
  now: string;
  schools: SchoolChangeReport[];
}

export interface SchoolCounts {
  students: number;
  leavers: number;
  employees: number;
  currentEmployees: number;
  contacts: number;
  classes: number;
  subjects: number;
  deletions: number;
}

export class EmulatorState {
  readonly seed: string;
  readonly clock: Clock;
  readonly faults = new FaultInjector();
  readonly log = new RequestLog();
  webhook: WebhookTarget | null;
  private readonly start: number;
  private readonly specs = new Map<string, ResolvedSpec>();
  private readonly data = new Map<string, SchoolData>();
  private readonly scopes = new Map<string, Record<ScopeName, boolean>>();
  private access: AccessTable = {};
  private readonly varied = new Set<string>();
  private mutations: MutationRule[] = [];

  constructor(private readonly options: EmulatorOptions = {}) {
    this.seed = options.seed ?? "staffroom";
    this.start = options.start ? Math.floor(options.start.getTime() / 1000) : DEFAULT_START;
    this.clock = new Clock(this.start);
    this.webhook = options.webhook ?? null;
    this.reset();
  }

  /** Back to the initial state: same seed, clock at the start, no faults, empty log. */
  reset(): void {
    this.clock.now = this.start;
    this.faults.clear();
    this.log.clear();
    this.data.clear();
    this.specs.clear();
    this.scopes.clear();
    this.varied.clear();
    this.mutations = [];
    const specs = this.options.schools ?? DEFAULT_SCHOOLS;
    if (specs.length > 1000) throw new Error("at most 1000 schools");
    for (const spec of specs) {
      if (this.specs.has(spec.id)) throw new Error(`duplicate school id ${spec.id}`);
      const resolved = resolveSpec(spec);
      this.specs.set(spec.id, resolved);
      this.scopes.set(spec.id, { ...resolveScopes(resolved.scopes) });
      if (spec.variance) this.varied.add(spec.id);
    }
    if (this.options.tokens) {
      this.access = Object.fromEntries(
        Object.entries(this.options.tokens).map(([token, ids]) => [
          token,
          Object.fromEntries(ids.map((id) => [id, "approved" as AccessStatus])),
        ]),
      );
    } else if (this.options.schools) {
      this.access = { demo: Object.fromEntries([...this.specs.keys()].map((id) => [id, "approved" as AccessStatus])) };
    } else {
      this.access = defaultAccess();
    }
  }

  schoolIds(): string[] {
    return [...this.specs.keys()];
  }

  /** Whether a school's data has been generated yet (it is, lazily, on first use). */
  isGenerated(id: string): boolean {
    return this.data.has(id);
  }

  /** A school's configuration and current MIS, without generating its data. */
  profile(id: string): { spec: ResolvedSpec; mis: MisName } | undefined {
    const spec = this.specs.get(id);
    if (!spec) return undefined;
    return { spec, mis: this.data.get(id)?.mis ?? spec.mis };
  }

  /** A school's data, generated on first use; undefined for an unknown id. */
  school(id: string): SchoolData | undefined {
    const existing = this.data.get(id);
    if (existing) return existing;
    const spec = this.specs.get(id);
    if (!spec) return undefined;
    const slot = [...this.specs.keys()].indexOf(id);
    const generated = generateSchool(spec, this.seed, this.start, slot);
    this.data.set(id, generated);
    return generated;
  }

  private required(id: string): SchoolData {
    const school = this.school(id);
    if (!school) throw new Error(`unknown school ${id}`);
    return school;
  }

  // ---- access and scopes -------------------------------------------------------------

  /** token → school id → status, for /__admin/state. */
  accessTable(): Readonly<AccessTable> {
    return this.access;
  }

  accessOf(token: string): Readonly<Record<string, AccessStatus>> | undefined {
    return this.access[token];
  }

  setAccess(token: string, schoolId: string, status: AccessStatus): void {
    this.required(schoolId);
    this.access[token] = { ...this.access[token], [schoolId]: status };
  }

  /** Every token's access to a school becomes `status` (e.g. the school revokes the app). */
  setAccessForAll(schoolId: string, status: AccessStatus): void {
    for (const token of Object.keys(this.access)) {
      if (this.access[token]?.[schoolId]) this.setAccess(token, schoolId, status);
    }
  }

  scopesOf(schoolId: string): ScopeSet {
    const scopes = this.scopes.get(schoolId);
    if (!scopes) throw new Error(`unknown school ${schoolId}`);
    return scopes;
  }

  /** Approves (true) or withdraws (false) scopes; unnamed scopes keep their state. */
  setScopes(schoolId: string, changes: Partial<Record<ScopeName, boolean>>): ScopeSet {
    const next = { ...this.scopesOf(schoolId), ...changes };
    this.scopes.set(schoolId, next);
    return next;
  }

  // ---- variance and mutations -------------------------------------------------------

  /** Turns realistic JSON variance on or off for a school (see variance.ts). */
  setVariance(schoolId: string, on: boolean): void {
    if (!this.specs.has(schoolId)) throw new Error(`unknown school ${schoolId}`);
    if (on) this.varied.add(schoolId);
    else this.varied.delete(schoolId);
  }

  varianceOf(schoolId: string): boolean {
    return this.varied.has(schoolId);
  }

  /** Replaces the mutation rules (contract tests): each rewrites one field of every matching record. */
  setMutations(rules: MutationRule[]): void {
    this.mutations = [...rules];
  }

  mutationRules(): readonly MutationRule[] {
    return this.mutations;
  }

  /** A successful API body as this school serves it: varied if the school has variance, then mutated. */
  shape(path: string, body: unknown): unknown {
    const schoolId = /^\/?v1\.0\/(?:meta\/)?schools\/([^/]+)/.exec(path)?.[1];
    const varied = schoolId && this.varied.has(schoolId) ? varyBody(body) : body;
    return this.mutations.length ? mutateBody(varied, path.replace(/^\/?v1\.0\/?/, ""), this.mutations) : varied;
  }

  // ---- change over time --------------------------------------------------------------

  /** Moves the clock, then applies the requested changes to each school at the new instant. */
  advanceTime(options: AdvanceOptions = {}): AdvanceReport {
    const parsed = advanceOptionsSchema.parse(options);
    this.clock.advance(parsed.seconds ?? DAY);
    const wantsChanges = Boolean(parsed.students ?? parsed.employees ?? parsed.contacts);
    const ids = wantsChanges ? (parsed.schoolIds ?? this.schoolIds()) : [];
    const schools = ids.map((id) => {
      const school = this.required(id);
      const rng = new Rng(`${this.seed}|${id}|changes|${school.changeBatches++}`);
      const ctx = new GenContext(school, rng, school.ids, this.clock.now, true, connectedAt(this.seed, id, this.start));
      return applyChanges(ctx, parsed);
    });
    return { now: formatInstant(this.clock.now), schools };
  }

  migrateSchool(schoolId: string, options: MigrateOptions): MigrationReport {
    return migrateSchool(this.required(schoolId), options, {
      seed: this.seed,
      now: this.clock.now,
      scopes: this.scopesOf(schoolId),
    });
  }

  // ---- faults and the request log ------------------------------------------------------

  setFaults(rules: FaultRule[]): void {
    this.faults.set(rules);
  }

  addFault(rule: FaultRule): void {
    this.faults.add(rule);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** API requests seen so far (after sequence number `since`). */
  requestLog(since = 0): readonly LoggedRequest[] {
    return this.log.list(since);
  }

  clearRequestLog(): void {
    this.log.clear();
  }

  // ---- read helpers for tests --------------------------------------------------------

  counts(schoolId: string): SchoolCounts {
    const s = this.required(schoolId);
    return {
      students: s.students.length,
      leavers: s.leavers.length,
      employees: s.employees.length,
      currentEmployees: s.employees.filter((e) => e.current).length,
      contacts: s.contacts.length,
      classes: s.classes.length,
      subjects: s.subjects.length,
      deletions: s.deletions.length,
    };
  }

  now(): string {
    return formatInstant(this.clock.now);
  }
}

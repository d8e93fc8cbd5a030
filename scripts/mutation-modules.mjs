// The critical modules `npm run test:mutation` mutates, each with the test files that
// exercise it. Adding a module or a test file is one entry here.
/** tests/sync/<name>.test.ts for each comma-separated name (the test globs are joined with commas). */
const syncTests = (names) => names.split(",").map((name) => `tests/sync/${name}.test.ts`);

// The files that run syncSchool or refreshStaffOnSignIn in the test process, so per-test
// coverage can name the test behind each mutant. Left out: cli, crash and workers (they sync
// in child processes, which Stryker's coverage never sees, at minutes per mutant), contract-fuzz
// (fourteen full syncs per run: a benchmark's cost for what full-sync already covers), queue
// (one sync through pg-boss, as full-sync's), and lease, lease-rules, migration-watch (no sync).
// detection is the one migrations file here: the sync pausing for, or applying, a migration.
// run-rules first: small schools, the run's own rules (refusals, mode, cursor, quarantine), fast.
const syncRunTests = [...syncTests("run-rules,full-sync,incremental,each-mis,data-quality,resilience,pupil-accounts,school-data-access,sign-in-refresh,wonde-for-school,lease-takeover,run-report"), "tests/migrations/detection.test.ts"];

export const MODULES = {
  identity: { mutate: ["server/identity/**/*.ts"], tests: ["tests/unit/identity-rules.test.ts"] },
  // migrations and sync are too large for one run on a shared 2-core box (1,246 and 2,026
  // mutants): each is split into parts by file group, each part with its own baseline, and
  // the report adds the parts up under the module's name (`part`).
  "migrations-webhook": {
    part: "migrations",
    mutate: ["server/migrations/webhook.ts"],
    tests: ["tests/migrations/webhook-route.test.ts", "tests/migrations/detection.test.ts", "tests/security/limits.test.ts"],
  },
  "migrations-detect": {
    part: "migrations",
    mutate: ["server/migrations/detect.ts"],
    tests: ["tests/migrations/churn.test.ts", "tests/migrations/webhook-route.test.ts", "tests/migrations/detection.test.ts"],
  },
  "migrations-readiness": {
    part: "migrations",
    mutate: ["server/migrations/{readiness,upns}.ts"],
    tests: ["tests/migrations/readiness.test.ts", "tests/migrations/unique-upns.test.ts", "tests/migrations/mis-migration.test.ts", "tests/migrations/migration-cases.test.ts"],
  },
  "migrations-apply": {
    part: "migrations",
    mutate: ["server/migrations/{apply,review,groups}.ts"],
    tests: ["tests/migrations/apply-rules.test.ts", "tests/migrations/review-rules.test.ts", "tests/migrations/migration-cases.test.ts", "tests/migrations/mis-migration.test.ts"],
  },
  "migrations-report": {
    part: "migrations",
    mutate: ["server/migrations/{preview,report,queries}.ts"],
    // preview-rules first: previewMigration against a stand-in Wonde client, in seconds.
    tests: ["tests/migrations/preview-rules.test.ts", "tests/migrations/migration-queries.test.ts", "tests/migrations/migration-report.test.ts", "tests/migrations/migration-cases.test.ts"],
  },
  "sync-lease": {
    part: "sync",
    mutate: ["server/sync/lease.ts"],
    tests: syncTests("lease-rules,lease,lease-takeover,crash"),
  },
  "sync-queue": {
    part: "sync",
    mutate: ["server/sync/{queue,status,quarantine}.ts"],
    tests: syncTests("queue,queue-rules,queue-options,workers,migration-watch,lease,data-quality"),
  },
  "sync-write": {
    part: "sync",
    mutate: ["server/sync/{write-people,write-classes,archive,line-managers,sql,pupil-accounts}.ts"],
    // write-rules and pupil-accounts-after-sync first: they call the writers directly, in seconds (see tests/mutation.vitest.config.ts).
    tests: syncTests("write-rules,pupil-accounts-after-sync,full-sync,incremental,each-mis,pupil-accounts,school-data-access,resilience,data-quality"),
  },
  "sync-map": {
    part: "sync",
    mutate: ["server/sync/{map,photos}.ts"],
    // Not the contract fuzz: it compares a sync of fuzzed unmapped fields with one of the plain
    // feed, both through the same mutated code, so a mapping mutant changes both alike; and it
    // is the slowest sync test (a full and an incremental sync per variant, ten variants).
    tests: ["tests/unit/sync-map.test.ts", ...syncTests("photo-import,each-mis,full-sync,data-quality"), "tests/integration/staff-photos.test.ts"],
  },
  // run.ts alone has over 600 mutants: split by line range (syncSchool's first half, its second
  // half, its helpers, then the rest of the file with the smaller files), so each part's run is
  // short enough to finish on a shared box and a run stopped for time keeps the others' baselines.
  "sync-run": {
    part: "sync",
    mutate: ["server/sync/run.ts:1-230"],
    tests: syncRunTests,
  },
  "sync-run-phases": {
    part: "sync",
    mutate: ["server/sync/run.ts:231-366"],
    tests: syncRunTests,
  },
  "sync-run-helpers": {
    part: "sync",
    mutate: ["server/sync/run.ts:367-464"],
    tests: syncRunTests,
  },
  "sync-run-tail": {
    part: "sync",
    mutate: ["server/sync/run.ts:465-9999", "server/sync/{refresh-on-sign-in,wonde-for-school,types}.ts"],
    tests: syncRunTests,
  },
  // auth, incidents and matching are split too, so each part's run is short enough to finish.
  "auth-passwords": {
    part: "auth",
    mutate: ["server/auth/{password,password-policy,password-tokens,credentials,throttle,sessions}.ts"],
    tests: ["tests/unit/password-policy.test.ts", "tests/unit/throttle.test.ts", "tests/integration/auth-tokens-sessions.test.ts", "tests/integration/password-sign-in.test.ts", "tests/integration/passwords.test.ts", "tests/security/lockout.test.ts", "tests/security/sessions.test.ts", "tests/integration/pupil-sign-in.test.ts"],
  },
  "auth-sso": {
    part: "auth",
    mutate: ["server/auth/{sso,sso-config,providers,config,redirect}.ts"],
    tests: ["tests/unit/sso-config.test.ts", "tests/unit/auth-redirect.test.ts", "tests/integration/auth-endpoints.test.ts", "tests/integration/sso-sign-in.test.ts", "tests/integration/sso-decisions-log.test.ts", "tests/integration/sso-flow.test.ts", "tests/integration/password-sign-in.test.ts", "tests/security/redirect.test.ts", "tests/security/sessions.test.ts", "tests/security/secure-cookies.test.ts"],
  },
  trpc: {
    mutate: ["server/trpc/**/*.ts"],
    // The tenant-leak harness is left out: it calls the same middleware as the matrix, ten times slower.
    tests: ["tests/unit/trpc-guards.test.ts", "tests/integration/trpc-builders.test.ts", "tests/integration/authorisation-matrix.test.ts", "tests/integration/trpc-access.test.ts", "tests/integration/roles.test.ts", "tests/security/errors.test.ts", "tests/security/limits.test.ts"],
  },
  "schools-access": { mutate: ["server/schools/access.ts"], tests: ["tests/integration/school-access.test.ts", "tests/integration/trpc-access.test.ts", "tests/integration/roles.test.ts", "tests/integration/authorisation-matrix.test.ts"] },
  people: {
    mutate: ["server/people/**/*.ts"],
    // people-lists seeds a second school, so a dropped schoolId fails it as it fails the tenant-leak
    // harness, which (walking every procedure) made each mutant ten times slower.
    tests: ["tests/integration/people-lists.test.ts", "tests/integration/staff-photos.test.ts"],
  },
  "incidents-csv-webhook": {
    part: "incidents",
    mutate: ["server/incidents/{webhook,csv}.ts"],
    tests: ["tests/unit/incident-csv-field.test.ts", "tests/integration/resend-webhook.test.ts", "tests/integration/incidents.test.ts", "tests/security/dates-and-odd-input.test.ts", "tests/security/limits.test.ts"],
  },
  "incidents-notifications": {
    part: "incidents",
    mutate: ["server/incidents/notifications.ts"],
    tests: ["tests/integration/incident-notifications.test.ts", "tests/security/limits.test.ts", "tests/security/email-disabled.test.ts"],
  },
  // trust-views: the trust-wide export, the one with a School column.
  "activity-export": { mutate: ["server/activity/export.ts"], tests: ["tests/activity/export.test.ts", "tests/activity/export-response.test.ts", "tests/integration/trust-views.test.ts"] },
  "matching-domains": {
    part: "matching",
    mutate: ["server/matching/domains.ts"],
    tests: ["tests/unit/matching-helpers.test.ts", "tests/integration/domain-claims.test.ts", "tests/security/domains.test.ts", "tests/integration/matching.test.ts"],
  },
  "matching-identities": {
    part: "matching",
    mutate: ["server/matching/identities.ts"],
    tests: ["tests/integration/match-by-email.test.ts", "tests/unit/matching-helpers.test.ts", "tests/integration/matching.test.ts", "tests/security/domains.test.ts", "tests/integration/sso-sign-in.test.ts"],
  },
  "matching-service": {
    part: "matching",
    mutate: ["server/matching/service.ts"],
    tests: ["tests/integration/matching-service.test.ts", "tests/integration/matching.test.ts", "tests/security/domains.test.ts"],
  },
};

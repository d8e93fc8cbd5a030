import type { RouterOutputs } from "@/lib/router-types";

export type MigrationOverview = RouterOutputs["migration"]["get"];
export type Migration = NonNullable<MigrationOverview["migration"]>;
export type MigrationSummary = NonNullable<Migration["summary"]>;
export type KindSummary = MigrationSummary["pupils"];
export type MigrationReport = NonNullable<Migration["report"]>;
export type Candidate = RouterOutputs["migration"]["candidates"]["rows"][number];

/** Everyone the preview matched automatically, whatever the rule. */
export const matchedTotal = (kind: KindSummary) => Object.values(kind.matched).reduce((sum, n) => sum + n, 0);

import type { Prisma } from "@/server/generated/prisma/client";

/** A Prisma transaction client: every batch writes through one. */
export type Tx = Prisma.TransactionClient;

export type EntityName = "subjects" | "employees" | "students" | "classes";
export const ENTITIES: readonly EntityName[] = ["subjects", "employees", "students", "classes"];

export type EntityCounts = { created: number; updated: number; archived: number; unchanged: number };
export type RunCounts = Record<EntityName, EntityCounts>;
export type RunProgress = Partial<Record<EntityName, { done: number; total: number | null }>>;

export const emptyCounts = (): RunCounts =>
  Object.fromEntries(ENTITIES.map((e) => [e, { created: 0, updated: 0, archived: 0, unchanged: 0 }])) as RunCounts;

/** ExternalId.entity for each list. */
export const EXTERNAL_ENTITY: Record<EntityName, string> = { subjects: "subject", employees: "employee", students: "student", classes: "class" };

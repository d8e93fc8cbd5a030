import { z } from "zod";

/** Server-side pagination every list uses. */
export const pageInput = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(5).max(100).default(25),
  search: z.string().trim().max(100).optional(),
});

export const statusInput = z.enum(["current", "archived", "all"]).default("current");

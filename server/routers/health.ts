import { z } from "zod";
import { publicProcedure } from "../trpc/init";

/** Liveness for load balancers: answers without touching personal data. */
export const health = publicProcedure.output(z.object({ ok: z.literal(true) })).query(() => ({ ok: true as const }));

import { z } from "zod";

/** A school a trust's Wonde token can see, and where it stands (server/trust/connect.ts). */
export const tokenSchoolOutput = z.object({
  wondeId: z.string(),
  name: z.string(),
  mis: z.string().nullable(),
  access: z.enum(["approved", "pending", "revoked"]),
  state: z.enum(["ready", "connected", "elsewhere", "waiting"]),
  schoolId: z.string().nullable(),
  advice: z.string(),
});

/** A pasted Wonde account token. */
export const trustTokenInput = z.object({ token: z.string().trim().min(4, "Paste the whole token from the Wonde portal.").max(200) });

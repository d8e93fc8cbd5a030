import { z } from "zod";

/**
 * What an admin types to connect Wonde. Kept free of server imports so the Settings form
 * validates with the very schema the procedure uses.
 */
export const connectWondeInput = z.object({
  wondeSchoolId: z.string().trim().regex(/^[A-Za-z0-9]{4,20}$/, "A Wonde school ID looks like A1930499544."),
  token: z.string().trim().min(4, "Paste the whole token from the Wonde portal.").max(200),
});

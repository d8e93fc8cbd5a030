import { router } from "../../trpc/init";
import { getMe } from "./get-me";
import { getSessions, signOutEverywhere } from "./sessions";

export const meRouter = router({ get: getMe, sessions: getSessions, signOutEverywhere });

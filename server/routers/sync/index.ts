import { router } from "../../trpc/init";
import { getSyncStatusProcedure } from "./get-sync-status";
import { startSyncProcedure } from "./start-sync";

export const syncRouter = router({ start: startSyncProcedure, status: getSyncStatusProcedure });

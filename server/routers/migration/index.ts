import { router } from "../../trpc/init";
import { applyMigrationProcedure, getMigrationProcedure, listCandidatesProcedure, resolveCandidateProcedure, setAutoApplyProcedure } from "./procedures";

export const migrationRouter = router({
  get: getMigrationProcedure,
  candidates: listCandidatesProcedure,
  resolve: resolveCandidateProcedure,
  // Not "apply": tRPC reserves apply, call and then as router keys.
  applyMigration: applyMigrationProcedure,
  setAutoApply: setAutoApplyProcedure,
});

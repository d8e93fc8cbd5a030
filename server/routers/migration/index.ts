import { router } from "../../trpc/init";
import { applyMigrationProcedure, getMigrationProcedure, listCandidatesProcedure, resolveCandidateProcedure, setAutoApplyProcedure } from "./procedures";

export const migrationRouter = router({
  get: getMigrationProcedure,
  candidates: listCandidatesProcedure,
  resolve: resolveCandidateProcedure,
  apply: applyMigrationProcedure,
  setAutoApply: setAutoApplyProcedure,
});

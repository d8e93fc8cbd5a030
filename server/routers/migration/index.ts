import { router } from "../../trpc/init";
import {
  applyMigrationProcedure,
  getMigrationProcedure,
  listCandidatesProcedure,
  planMigrationProcedure,
  readinessProcedure,
  resolveCandidateProcedure,
  searchOldRecordsProcedure,
  setAutoApplyProcedure,
} from "./procedures";

export const migrationRouter = router({
  get: getMigrationProcedure,
  candidates: listCandidatesProcedure,
  resolve: resolveCandidateProcedure,
  searchOldRecords: searchOldRecordsProcedure,
  readiness: readinessProcedure,
  planMigration: planMigrationProcedure,
  // Not "apply": tRPC reserves apply, call and then as router keys.
  applyMigration: applyMigrationProcedure,
  setAutoApply: setAutoApplyProcedure,
});

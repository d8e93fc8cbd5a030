import { router } from "../../trpc/init";
import { connectWondeProcedure, disconnectWondeProcedure, getWondeSettingsProcedure, updateSyncSettingsProcedure } from "./procedures";

export const wondeRouter = router({
  settings: getWondeSettingsProcedure,
  connect: connectWondeProcedure,
  disconnect: disconnectWondeProcedure,
  updateSettings: updateSyncSettingsProcedure,
});

import { router } from "../../trpc/init";
import { addLocationProcedure } from "./add-location";
import { archiveLocationProcedure } from "./archive-location";
import { incidentContactsProcedure } from "./contacts";
import { createIncidentProcedure } from "./create";
import { exportCsvProcedure } from "./export-csv";
import { getIncidentProcedure } from "./get";
import { listIncidentsProcedure } from "./list";
import { listLocationsProcedure } from "./locations";
import { notifyProcedure } from "./notify";
import { patternsProcedure } from "./patterns";
import { personHistoryProcedure } from "./person-history";
import { retryNotificationProcedure } from "./retry-notification";
import { searchPeopleProcedure } from "./search-people";
import { setIncidentStatusProcedure } from "./set-status";
import { setNotificationTemplateProcedure } from "./set-notification-template";
import { incidentSettingsProcedure } from "./settings";
import { updateIncidentProcedure } from "./update";
import { updateIncidentSettingsProcedure } from "./update-settings";

export const incidentsRouter = router({
  list: listIncidentsProcedure,
  get: getIncidentProcedure,
  create: createIncidentProcedure,
  update: updateIncidentProcedure,
  setStatus: setIncidentStatusProcedure,
  searchPeople: searchPeopleProcedure,
  contacts: incidentContactsProcedure,
  notify: notifyProcedure,
  retryNotification: retryNotificationProcedure,
  locations: listLocationsProcedure,
  addLocation: addLocationProcedure,
  archiveLocation: archiveLocationProcedure,
  settings: incidentSettingsProcedure,
  updateSettings: updateIncidentSettingsProcedure,
  setNotificationTemplate: setNotificationTemplateProcedure,
  patterns: patternsProcedure,
  personHistory: personHistoryProcedure,
  exportCsv: exportCsvProcedure,
});

import { router } from "../../trpc/init";
import { connect } from "./connect-trust";
import { dashboard } from "./dashboard";
import { getTrust } from "./get-trust";
import { previewToken } from "./preview-token";
import { setSchoolLiteMode, settings, updateSettings } from "./settings";
import { tokenSchools } from "./token-schools";
import { activity, activityFacets, incidents, patterns, schools } from "./views";

export const trustRouter = router({ get: getTrust, dashboard, tokenSchools, previewToken, connect, schools, activity, activityFacets, incidents, patterns, settings, updateSettings, setSchoolLiteMode });

import { router } from "../../trpc/init";
import { connect } from "./connect-trust";
import { dashboard } from "./dashboard";
import { getTrust } from "./get-trust";
import { previewToken } from "./preview-token";
import { tokenSchools } from "./token-schools";

export const trustRouter = router({ get: getTrust, dashboard, tokenSchools, previewToken, connect });

import { router } from "../../trpc/init";
import { activityFacetsProcedure } from "./activity-facets";
import { listActivityProcedure } from "./list-activity";
import { listRecentActivity } from "./list-recent-activity";

export const activityRouter = router({ recent: listRecentActivity, list: listActivityProcedure, facets: activityFacetsProcedure });

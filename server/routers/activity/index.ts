import { router } from "../../trpc/init";
import { listRecentActivity } from "./list-recent-activity";

export const activityRouter = router({ recent: listRecentActivity });

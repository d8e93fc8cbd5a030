import { activityRouter } from "../routers/activity";
import { health } from "../routers/health";
import { meRouter } from "../routers/me";
import { schoolsRouter } from "../routers/schools";
import { router } from "./init";

export const appRouter = router({
  health,
  me: meRouter,
  schools: schoolsRouter,
  activity: activityRouter,
});

export type AppRouter = typeof appRouter;

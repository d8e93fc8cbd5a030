import { activityRouter } from "../routers/activity";
import { appsRouter } from "../routers/apps";
import { classesRouter } from "../routers/classes";
import { health } from "../routers/health";
import { incidentsRouter } from "../routers/incidents";
import { matchingRouter } from "../routers/matching";
import { meRouter } from "../routers/me";
import { migrationRouter } from "../routers/migration";
import { passwordsRouter } from "../routers/passwords";
import { pupilSignInRouter } from "../routers/pupil-sign-in";
import { pupilsRouter } from "../routers/pupils";
import { savedLoginsRouter } from "../routers/saved-logins";
import { schoolsRouter } from "../routers/schools";
import { sharedStaffRouter } from "../routers/shared-staff";
import { signInAppsRouter } from "../routers/sign-in-apps";
import { staffRouter } from "../routers/staff";
import { syncRouter } from "../routers/sync";
import { trustRouter } from "../routers/trust";
import { usersRouter } from "../routers/users";
import { webhooksRouter } from "../routers/webhooks";
import { wondeRouter } from "../routers/wonde";
import { router } from "./init";

export const appRouter = router({
  health,
  me: meRouter,
  schools: schoolsRouter,
  activity: activityRouter,
  staff: staffRouter,
  pupils: pupilsRouter,
  pupilSignIn: pupilSignInRouter,
  classes: classesRouter,
  sync: syncRouter,
  wonde: wondeRouter,
  migration: migrationRouter,
  passwords: passwordsRouter,
  matching: matchingRouter,
  users: usersRouter,
  incidents: incidentsRouter,
  apps: appsRouter,
  signInApps: signInAppsRouter,
  trust: trustRouter,
  savedLogins: savedLoginsRouter,
  webhooks: webhooksRouter,
  sharedStaff: sharedStaffRouter,
});

export type AppRouter = typeof appRouter;

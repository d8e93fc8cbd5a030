import { router } from "../../trpc/init";
import { getSchool } from "./get-school";
import { setLiteModeProcedure } from "./set-lite-mode";

export const schoolsRouter = router({ get: getSchool, setLiteMode: setLiteModeProcedure });

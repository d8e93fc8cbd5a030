import { router } from "../../trpc/init";
import { getSchool } from "./get-school";

export const schoolsRouter = router({ get: getSchool });

import { router } from "../../trpc/init";
import { listPupilsProcedure } from "./list-pupils";

export const pupilsRouter = router({ list: listPupilsProcedure });

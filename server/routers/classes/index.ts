import { router } from "../../trpc/init";
import { listClassesProcedure, listSubjectsProcedure } from "./list-classes";

export const classesRouter = router({ list: listClassesProcedure, subjects: listSubjectsProcedure });

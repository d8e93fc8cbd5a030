import { router } from "../../trpc/init";
import { getMe } from "./get-me";

export const meRouter = router({ get: getMe });

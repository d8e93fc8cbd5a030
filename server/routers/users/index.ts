import { router } from "../../trpc/init";
import { list } from "./list";
import { sendInvite } from "./send-invite";
import { setRole } from "./set-role";

export const usersRouter = router({ list, setRole, sendInvite });

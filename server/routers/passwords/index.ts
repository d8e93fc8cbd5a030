import { router } from "../../trpc/init";
import { describeLink } from "./describe-link";
import { requestReset } from "./request-reset";
import { setPassword } from "./set-password";

export const passwordsRouter = router({ requestReset, describeLink, setPassword });

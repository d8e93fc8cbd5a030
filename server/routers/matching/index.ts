import { router } from "../../trpc/init";
import { getDomains } from "./get-domains";
import { link } from "./link";
import { listStaff } from "./list-staff";
import { listUnmatched } from "./list-unmatched";
import { matchAll } from "./match-all";
import { setDomains } from "./set-domains";
import { signInEmailsWaiting } from "./sign-in-emails-waiting";
import { unlink } from "./unlink";

export const matchingRouter = router({ listStaff, listUnmatched, link, unlink, matchAll, getDomains, setDomains, signInEmailsWaiting });

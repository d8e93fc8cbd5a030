import { router } from "../../trpc/init";
import { getStaffMemberProcedure } from "./get-staff-member";
import { listStaffProcedure } from "./list-staff";

export const staffRouter = router({ list: listStaffProcedure, get: getStaffMemberProcedure });

// GET /api/login-cards?schoolId=…&classId=… (or &ncYear=…)[&perPage=8]: a class's or year group's
// login cards as a streamed PDF, for the class's teachers and the school's admins.
import { slug } from "../activity/export";
import { recordActivity } from "../activity/record";
import type { Db } from "../db";
import { UserFacingError } from "../user-facing-error";
import { assertMayManageGroup, type PupilGroup } from "./access";
import { loginCardsFor } from "./cards";
import { loginCardsPdfStream } from "./cards-pdf";
import { yearGroupLabel } from "@/lib/year-group";
import { accountLabel } from "../users/status";

const text = (status: number, message: string) => new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

function groupFrom(params: URLSearchParams): PupilGroup | null {
  const classId = params.get("classId");
  const ncYear = params.get("ncYear");
  if (classId && !ncYear && classId.length <= 100) return { classId };
  if (ncYear && !classId && ncYear.length <= 10) return { ncYear };
  return null;
}

export async function loginCardsResponse(db: Db, userId: string | null, url: URL): Promise<Response> {
  if (!userId) return text(401, "Please sign in.");
  const schoolId = url.searchParams.get("schoolId");
  const group = groupFrom(url.searchParams);
  if (!schoolId || schoolId.length > 100 || !group) return text(400, "Which class or year group? The link needs a schoolId and either a classId or an ncYear.");
  const cardsPerPage = url.searchParams.get("perPage") === "8" ? 8 : 10;
  try {
    await assertMayManageGroup(db, userId, schoolId, group);
  } catch (error) {
    if (error instanceof UserFacingError) return text(403, error.message);
    throw error;
  }
  const label = "classId" in group ? ((await db.class.findFirst({ where: { id: group.classId, schoolId }, select: { name: true } }))?.name ?? "class") : yearGroupLabel(group.ncYear);
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true } });
  await recordActivity({ schoolId, actor: { userId, label: accountLabel(user) }, action: "Login Cards Printed", subject: { type: "Group", label }, details: { ...group, cardsPerPage } }, db);
  return new Response(loginCardsPdfStream(loginCardsFor(db, { userId, schoolId }, group), { cardsPerPage, title: `Login cards: ${label}` }), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="login-cards-${slug(label, "group")}.pdf"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

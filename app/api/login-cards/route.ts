import { loginCardsResponse } from "@/server/accounts/cards-response";
import { auth } from "@/server/auth/config";
import { db } from "@/server/db";

/** A class's or year group's login cards as a PDF (see server/accounts/cards-response.ts). */
export async function GET(request: Request) {
  const session = await auth();
  return loginCardsResponse(db, session?.user?.id ?? null, new URL(request.url));
}

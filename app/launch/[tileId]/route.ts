import { launchTile } from "@/server/apps/tiles";
import { auth } from "@/server/auth/config";
import { signInPathReturningTo } from "@/server/auth/redirect";
import { db } from "@/server/db";

/**
 * Opening a launcher tile: counts the launch, then redirects to the tile's address (an app's
 * http(s) URL an admin saved, or one of Staffroom's own areas). A tile that isn't the caller's is
 * a 404 whatever the reason, so ids can't be probed.
 */
export async function GET(request: Request, { params }: { params: Promise<{ tileId: string }> }) {
  const { tileId } = await params;
  const url = new URL(request.url);
  const userId = (await auth())?.user?.id;
  const redirect = (location: string) => new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
  if (!userId) return redirect(signInPathReturningTo(`${url.pathname}${url.search}`));
  const target = await launchTile(db, userId, tileId, url.searchParams.get("school"));
  if (!target) return new Response("That app isn't on your launcher. Go back to My apps and try again.", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  return redirect(target);
}

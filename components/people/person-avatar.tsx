import { Avatar, AvatarFallback, AvatarImage } from "@/components/ui/avatar";
import { cn } from "@/lib/utils";

/**
 * A member of staff's MIS photo, or their initials. `photoHash` (when known) versions the
 * link so the browser can keep the photo for a day; without it the route is asked and
 * answers 404 for people without one, which shows the initials.
 */
export function PersonAvatar({ personId, name, initials, photoHash, className }: { personId: string; name: string; initials: string | null; photoHash?: string | null; className?: string }) {
  // "Surname, Forename (JS)" carries its initials; otherwise the words' first letters.
  const fallback = (initials ?? /\(([A-Za-z]{1,4})\)$/.exec(name)?.[1] ?? name.split(/[\s,]+/).map((w) => w[0] ?? "").join("")).slice(0, 3).toUpperCase();
  return (
    <Avatar className={cn("size-8", className)}>
      {photoHash !== null && <AvatarImage src={`/api/photos/${personId}${photoHash ? `?v=${photoHash}` : ""}`} alt="" />}
      <AvatarFallback className="text-xs" aria-hidden>
        {fallback}
      </AvatarFallback>
    </Avatar>
  );
}

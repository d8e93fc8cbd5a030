import { School } from "lucide-react";

/** The Staffroom name and mark, for pages outside the signed-in shell. */
export function Brand() {
  return (
    <p className="flex items-center justify-center gap-2 text-lg font-semibold">
      <School className="size-6" aria-hidden /> Staffroom
    </p>
  );
}

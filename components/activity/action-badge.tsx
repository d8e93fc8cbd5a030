import { Badge } from "@/components/ui/badge";

/** Problems stand out, endings are muted, creations are emphasised; everything else is neutral. */
function variantFor(action: string) {
  if (/failed|refused/i.test(action)) return "destructive" as const;
  if (/archived|disabled|unlinked|disconnected/i.test(action)) return "outline" as const;
  if (/created/i.test(action)) return "default" as const;
  return "secondary" as const;
}

export function ActionBadge({ action }: { action: string }) {
  return <Badge variant={variantFor(action)}>{action}</Badge>;
}

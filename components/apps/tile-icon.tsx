import { Activity, AppWindow, ArrowRightLeft, ClipboardList, GraduationCap, Link2, Presentation, Settings, Users, type LucideIcon } from "lucide-react";

// Staffroom's areas by tile id (server/apps/areas.ts); an app shows its own emoji or its initial.
const AREA_ICONS: Record<string, LucideIcon> = {
  "area-staff": Users,
  "area-pupils": GraduationCap,
  "area-classes": Presentation,
  "area-incidents": ClipboardList,
  "area-matching": Link2,
  "area-migration": ArrowRightLeft,
  "area-activity": Activity,
  "area-settings": Settings,
};

export function TileIcon({ tile }: { tile: { id: string; kind: "app" | "area"; name: string; icon: string | null } }) {
  const Icon = tile.kind === "area" ? (AREA_ICONS[tile.id] ?? AppWindow) : null;
  return (
    <span aria-hidden className="flex size-14 shrink-0 items-center justify-center rounded-2xl bg-primary/10 text-3xl text-primary">
      {Icon ? <Icon className="size-7" /> : (tile.icon ?? tile.name.slice(0, 1).toUpperCase())}
    </span>
  );
}

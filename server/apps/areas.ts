import type { Role } from "../generated/prisma/client";

/**
 * Staffroom's own areas as launcher tiles for staff. Members of staff get the areas they can use;
 * administrators also get the admin areas. User matching is left out for a Lite school.
 * The icons are chosen on the page (components/apps), by href.
 */
export const STAFFROOM_AREAS = [
  { key: "staff", href: "/staff", label: "Staff", adminOnly: false },
  { key: "pupils", href: "/pupils", label: "Pupils", adminOnly: false },
  { key: "classes", href: "/classes", label: "Classes", adminOnly: false },
  { key: "incidents", href: "/incidents", label: "Incidents", adminOnly: false },
  { key: "matching", href: "/matching", label: "User matching", adminOnly: true },
  { key: "migration", href: "/migration", label: "Migration", adminOnly: true },
  { key: "activity", href: "/activity", label: "Activity", adminOnly: true },
  { key: "settings", href: "/settings", label: "Settings", adminOnly: true },
] as const;

export type StaffroomArea = (typeof STAFFROOM_AREAS)[number];

export function areasFor(role: Role, liteMode: boolean): StaffroomArea[] {
  if (role === "PUPIL") return [];
  const admin = role === "SCHOOL_ADMIN" || role === "TRUST_ADMIN";
  return STAFFROOM_AREAS.filter((a) => (admin || !a.adminOnly) && !(liteMode && a.key === "matching"));
}

/** Launcher tile ids: an app's id, or "area-<key>" for one of Staffroom's areas. */
export const AREA_TILE_PREFIX = "area-";
export const areaTileId = (area: StaffroomArea) => `${AREA_TILE_PREFIX}${area.key}`;
export const areaForTileId = (tileId: string) => STAFFROOM_AREAS.find((a) => areaTileId(a) === tileId) ?? null;

import { Button } from "@/components/ui/button";

export type SettingSource = "school" | "trust" | "staffroom";

const WHOSE: Record<Exclude<SettingSource, "school">, string> = { trust: "the trust's default", staffroom: "Staffroom's default" };

/**
 * Where a school's setting comes from: "the trust's default", or "this school's own choice"
 * with the default it overrides and a button to follow it again (left out when `onFollow` is).
 */
export function SettingSourceNote({
  id,
  source,
  inTrust,
  inherited,
  onFollow,
  pending = false,
}: {
  id?: string;
  source: SettingSource;
  inTrust: boolean;
  inherited: string;
  onFollow?: () => void;
  pending?: boolean;
}) {
  if (source !== "school")
    return (
      <p id={id} className="text-xs text-muted-foreground">
        Following {WHOSE[source]}.
      </p>
    );
  const whose = inTrust ? WHOSE.trust : WHOSE.staffroom;
  return (
    <div id={id} className="flex flex-wrap items-center gap-x-2 text-xs text-muted-foreground">
      <span>
        This school&apos;s own choice ({whose}: {inherited}).
      </span>
      {onFollow && (
        <Button type="button" variant="link" size="sm" className="h-auto p-0 text-xs" disabled={pending} onClick={onFollow}>
          Use {whose}
        </Button>
      )}
    </div>
  );
}

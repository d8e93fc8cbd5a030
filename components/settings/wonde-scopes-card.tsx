import { CheckCircle2, TriangleAlert } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/utils";
import type { WondeSettings } from "./wonde-connection";

/** The data permissions (scopes) the school approved in Wonde, and what each missing one costs. */
export function WondeScopesCard({ settings }: { settings: WondeSettings }) {
  const missing = [...settings.missingScopes].sort((a, b) => Number(b.importance === "required") - Number(a.importance === "required"));
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Data permissions</h2>
        </CardTitle>
        <CardDescription>Your school approves each kind of data Staffroom may read in the Wonde portal. Changes there show here after the next connection check.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {missing.length === 0 ? (
          <p className="flex items-center gap-2 text-sm">
            <CheckCircle2 className="size-4 text-emerald-600 dark:text-emerald-400" aria-hidden /> Every permission Staffroom uses is approved.
          </p>
        ) : (
          <ul className="grid gap-3" aria-label="Missing permissions">
            {missing.map((scope) => (
              <li
                key={scope.scope}
                className={cn(
                  "grid gap-1 rounded-lg border p-3 text-sm",
                  scope.importance === "required" && "border-amber-500/50 bg-amber-50 dark:bg-amber-950/40",
                )}
              >
                <p className="flex flex-wrap items-center gap-2 font-medium">
                  {scope.importance === "required" && <TriangleAlert className="size-4 text-amber-600 dark:text-amber-400" aria-hidden />}
                  {scope.label} not shared: approve &ldquo;{scope.scope}&rdquo; in the Wonde portal
                  <Badge variant={scope.importance === "required" ? "destructive" : "outline"}>{scope.importance === "required" ? "Required" : "Recommended"}</Badge>
                </p>
                <p className="text-muted-foreground">{scope.cost}</p>
              </li>
            ))}
          </ul>
        )}
        <details className="text-sm">
          <summary className="cursor-pointer font-medium">Approved permissions ({settings.grantedScopes.length})</summary>
          {settings.grantedScopes.length === 0 ? (
            <p className="mt-2 text-muted-foreground">None yet.</p>
          ) : (
            <ul className="mt-2 flex flex-wrap gap-1.5" aria-label="Approved permissions">
              {settings.grantedScopes.map((scope) => (
                <li key={scope}>
                  <Badge variant="outline">{scope}</Badge>
                </li>
              ))}
            </ul>
          )}
        </details>
      </CardContent>
    </Card>
  );
}

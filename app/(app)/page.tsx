import Link from "next/link";
import { redirect } from "next/navigation";
import { Activity, School } from "lucide-react";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { MigrationAlert } from "@/components/migration/migration-alert";
import { SyncSummary } from "@/components/sync/sync-summary";
import { currentSchool } from "@/lib/current-school";
import { formatDateTime } from "@/lib/format";
import { schoolMis } from "@/lib/school-mis";

export default async function DashboardPage() {
  const { me, school: access, api } = await currentSchool();
  // A trust's central team starts at the trust (before its first school is connected, too).
  if (!access && (await api.trust.get())) redirect("/trust");
  if (!access)
    return (
      <EmptyState icon={School} title="You're not linked to a school yet">
        Ask your school&apos;s Staffroom administrator to add {me.user.email} to the school.
      </EmptyState>
    );
  const school = await api.schools.get({ schoolId: access.schoolId });
  const isAdmin = school.role !== "STAFF";
  const [activity, sync, migration, wonde] = isAdmin
    ? await Promise.all([
        api.activity.recent({ schoolId: school.id, limit: 8 }),
        api.sync.status({ schoolId: school.id }),
        api.migration.get({ schoolId: school.id }),
        api.wonde.settings({ schoolId: school.id }),
      ])
    : [[], null, null, null];
  return (
    <>
      <PageHeader title={school.name} description={school.trustName ?? undefined} />
      {migration && <MigrationAlert overview={migration} timezone={school.timezone} />}
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>MIS sync</CardTitle>
            <CardDescription>Staff and pupils come from your MIS through Wonde.</CardDescription>
          </CardHeader>
          <CardContent className="text-sm">
            {school.wondeConnected ? (
              <div className="grid gap-3">
                {school.mis ? (
                  <p>
                    Connected to <Badge variant="secondary">{schoolMis(school.mis).name}</Badge>
                  </p>
                ) : (
                  <p>
                    MIS: <Badge variant="outline">not connected yet</Badge>{" "}
                    <span className="text-muted-foreground">Wonde is set up; the first sync reads your MIS.</span>
                  </p>
                )}
                {sync && <SyncSummary status={sync} schoolId={school.id} timezone={school.timezone} schedule={wonde?.syncSchedule} />}
              </div>
            ) : (
              <p>
                Not connected yet.{" "}
                {isAdmin ? (
                  <Link className="underline underline-offset-4" href="/settings">
                    Connect Wonde in Settings
                  </Link>
                ) : (
                  "Your school's administrator can connect it."
                )}
              </p>
            )}
          </CardContent>
        </Card>
        {isAdmin && (
          <Card>
            <CardHeader>
              <CardTitle>Recent activity</CardTitle>
              <CardDescription>The latest events at {school.name}.</CardDescription>
            </CardHeader>
            <CardContent>
              {activity.length === 0 ? (
                <p className="flex items-center gap-2 text-sm text-muted-foreground">
                  <Activity className="size-4" aria-hidden /> Nothing has happened yet.
                </p>
              ) : (
                <ul className="grid gap-2 text-sm" aria-label="Recent activity">
                  {activity.map((event) => (
                    <li key={event.id} className="flex flex-col gap-x-4 sm:flex-row sm:justify-between">
                      <span className="min-w-0 [overflow-wrap:anywhere]">
                        <span className="font-medium">{event.action}</span>
                        {event.subjectLabel && <span className="text-muted-foreground"> · {event.subjectLabel}</span>}
                      </span>
                      <time className="shrink-0 text-muted-foreground" dateTime={event.at.toISOString()}>
                        {formatDateTime(event.at, school.timezone)}
                      </time>
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
        )}
      </div>
    </>
  );
}

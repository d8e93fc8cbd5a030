import { Activity } from "lucide-react";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { currentSchool } from "@/lib/current-school";
import { formatDateTime } from "@/lib/format";

export const metadata = { title: "Activity" };

export default async function ActivityPage() {
  const { school, api } = await currentSchool();
  const canSee = school && school.role !== "STAFF";
  const events = canSee ? await api.activity.recent({ schoolId: school.schoolId, limit: 100 }) : [];
  return (
    <>
      <PageHeader title="Activity" description="Everything that happens in Staffroom, newest first." />
      {!canSee ? (
        <EmptyState icon={Activity} title="Only administrators can see the activity log">
          Ask your school&apos;s Staffroom administrator if you need to check something.
        </EmptyState>
      ) : events.length === 0 ? (
        <EmptyState icon={Activity} title="No activity yet">
          Sign-ins, syncs, matches and incidents will be recorded here.
        </EmptyState>
      ) : (
        <div className="rounded-md border">
          <Table aria-label="Activity log">
            <TableHeader>
              <TableRow>
                <TableHead>When</TableHead>
                <TableHead>Action</TableHead>
                <TableHead>Subject</TableHead>
                <TableHead>By</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {events.map((event) => (
                <TableRow key={event.id}>
                  <TableCell className="whitespace-nowrap">{formatDateTime(event.at)}</TableCell>
                  <TableCell className="font-medium">{event.action}</TableCell>
                  <TableCell>{event.subjectLabel ?? "—"}</TableCell>
                  <TableCell>{event.actorLabel}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </>
  );
}

import { Suspense } from "react";
import Link from "next/link";
import { Plus } from "lucide-react";
import { TableFallback } from "@/components/data-table/table-fallback";
import { IncidentBook } from "@/components/incidents/incident-book";
import { IncidentsNav } from "@/components/incidents/incidents-nav";
import { NoSchool } from "@/components/layout/no-school";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { currentSchool } from "@/lib/current-school";

export const metadata = { title: "Incidents" };

export default async function IncidentsPage() {
  const { me, school } = await currentSchool();
  if (!school) return <NoSchool email={me.user.email} />;
  const isAdmin = school.role !== "STAFF";
  // Trust viewers read the book; they don't log incidents.
  const canLog = school.role !== "TRUST_VIEWER";
  return (
    <>
      <PageHeader
        title="Accident and incident book"
        description={isAdmin ? "Accidents and incidents involving pupils, staff and visitors." : "The accidents and incidents you have logged."}
        actions={
          canLog && (
            <Button asChild>
              <Link href="/incidents/new">
                <Plus aria-hidden /> Log incident
              </Link>
            </Button>
          )
        }
      />
      <IncidentsNav current="/incidents" isAdmin={isAdmin} />
      <Suspense fallback={<TableFallback label="Incidents" headers={["Reference", "When", "Affected", "Type", "Severity", "Where", "Status", "Emails"]} />}>
        <IncidentBook schoolId={school.schoolId} isAdmin={isAdmin} />
      </Suspense>
    </>
  );
}

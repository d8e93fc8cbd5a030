import { Suspense } from "react";
import { TableFallback } from "@/components/data-table/table-fallback";
import { NoSchool } from "@/components/layout/no-school";
import { PageHeader } from "@/components/layout/page-header";
import { PupilsTable } from "@/components/pupils/pupils-table";
import { currentSchool } from "@/lib/current-school";

export const metadata = { title: "Pupils" };

export default async function PupilsPage() {
  const { me, school } = await currentSchool();
  if (!school) return <NoSchool email={me.user.email} />;
  return (
    <>
      <PageHeader title="Pupils" description="Pupils on roll, read from your MIS." />
      <Suspense fallback={<TableFallback label="Pupils" headers={["Name", "Year group", "UPN", "Admission number", "Date of birth"]} />}>
        <PupilsTable schoolId={school.schoolId} isAdmin={school.role !== "STAFF"} />
      </Suspense>
    </>
  );
}

import { Suspense } from "react";
import { ClassesTable } from "@/components/classes/classes-table";
import { TableFallback } from "@/components/data-table/table-fallback";
import { NoSchool } from "@/components/layout/no-school";
import { PageHeader } from "@/components/layout/page-header";
import { currentSchool } from "@/lib/current-school";
import { schoolMis } from "@/lib/school-mis";

export const metadata = { title: "Classes" };

export default async function ClassesPage() {
  const { me, school: access, api } = await currentSchool();
  if (!access) return <NoSchool email={me.user.email} />;
  const school = await api.schools.get({ schoolId: access.schoolId });
  const mis = schoolMis(school.mis);
  return (
    <>
      <PageHeader title="Classes" description={`Classes from ${mis.name}, with their teachers and pupil numbers.`} />
      <Suspense fallback={<TableFallback label="Classes" headers={["Class", "Subject", "Staff", "Pupils"]} />}>
        <ClassesTable schoolId={school.id} isAdmin={school.role !== "STAFF"} misName={mis.name} staffLinksProvided={mis.capabilities.classStaffLinks} />
      </Suspense>
    </>
  );
}

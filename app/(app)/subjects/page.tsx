import { Suspense } from "react";
import { SubjectsTable } from "@/components/classes/subjects-table";
import { TableFallback } from "@/components/data-table/table-fallback";
import { NoSchool } from "@/components/layout/no-school";
import { PageHeader } from "@/components/layout/page-header";
import { currentSchool } from "@/lib/current-school";
import { schoolMis } from "@/lib/school-mis";

export const metadata = { title: "Subjects" };

export default async function SubjectsPage() {
  const { me, school: access, api } = await currentSchool();
  if (!access) return <NoSchool email={me.user.email} />;
  const school = await api.schools.get({ schoolId: access.schoolId });
  const mis = schoolMis(school.mis);
  return (
    <>
      <PageHeader title="Subjects" description={`Subjects from ${mis.name}, with the staff who teach them.`} />
      <Suspense fallback={<TableFallback label="Subjects" headers={["Subject", "Staff", "Classes"]} />}>
        <SubjectsTable schoolId={school.id} isAdmin={school.role !== "STAFF"} misName={mis.name} staffLinksProvided={mis.capabilities.subjectStaffLinks} />
      </Suspense>
    </>
  );
}

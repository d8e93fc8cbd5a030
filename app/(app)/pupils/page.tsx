import { GraduationCap } from "lucide-react";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";

export const metadata = { title: "Pupils" };

export default function PupilsPage() {
  return (
    <>
      <PageHeader title="Pupils" description="Pupils on roll, read from your MIS." />
      <EmptyState icon={GraduationCap} title="No pupils yet">
        Pupils appear here after the first sync from your MIS.
      </EmptyState>
    </>
  );
}

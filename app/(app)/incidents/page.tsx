import { ClipboardList } from "lucide-react";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";

export const metadata = { title: "Incidents" };

export default function IncidentsPage() {
  return (
    <>
      <PageHeader title="Accident and incident book" description="Accidents and incidents involving pupils, staff and visitors." />
      <EmptyState icon={ClipboardList} title="No incidents logged">
        Incidents you and your colleagues log will be listed here, newest first.
      </EmptyState>
    </>
  );
}

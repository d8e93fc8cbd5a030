import { Settings } from "lucide-react";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";

export const metadata = { title: "Settings" };

export default function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" description="Your school's Wonde connection, sync schedule and incident options." />
      <EmptyState icon={Settings} title="Wonde is not connected">
        Your school&apos;s MIS connection through Wonde will be set up here.
      </EmptyState>
    </>
  );
}

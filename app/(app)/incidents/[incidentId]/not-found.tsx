import { SearchX } from "lucide-react";
import { NotFoundState } from "@/components/layout/not-found-state";

export default function IncidentNotFound() {
  return (
    <NotFoundState heading="Incident not found" title="No incident at this link" icon={SearchX} backHref="/incidents" backLabel="Back to the incident book">
      It may belong to another school, or the link may be mistyped. Staff can open the incidents they logged; administrators can open all of the school&apos;s.
    </NotFoundState>
  );
}

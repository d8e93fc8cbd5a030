import { Suspense } from "react";
import { Link2 } from "lucide-react";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { MatchingBoard } from "@/components/matching/matching-board";
import { currentSchool } from "@/lib/current-school";
import { SignInEmailsWaiting } from "@/components/matching/sign-in-emails-waiting";

export const metadata = { title: "User matching" };

export default async function MatchingPage() {
  const { school } = await currentSchool();
  if (!school || school.role === "STAFF")
    return (
      <>
        <PageHeader title="User matching" />
        <EmptyState icon={Link2} title="Only administrators can match users">
          Ask your school&apos;s Staffroom administrator if your Google or Microsoft sign-in needs linking.
        </EmptyState>
      </>
    );
  return (
    // useSearchParams (list state in the URL) needs a Suspense boundary.
    <Suspense>
      <SignInEmailsWaiting schoolId={school.schoolId} />
      <MatchingBoard schoolId={school.schoolId} />
    </Suspense>
  );
}

import { Suspense } from "react";
import { Link2 } from "lucide-react";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { MatchingBoard } from "@/components/matching/matching-board";
import { currentSchool } from "@/lib/current-school";
import { SignInEmailsWaiting } from "@/components/matching/sign-in-emails-waiting";

export const metadata = { title: "User matching" };

export default async function MatchingPage() {
  const { school, api } = await currentSchool();
  if (!school || school.role === "STAFF")
    return (
      <>
        <PageHeader title="User matching" />
        <EmptyState icon={Link2} title="Only administrators can match users">
          Ask your school&apos;s Staffroom administrator if your Google or Microsoft sign-in needs linking.
        </EmptyState>
      </>
    );
  if ((await api.schools.get({ schoolId: school.schoolId })).liteMode)
    return (
      <>
        <PageHeader title="User matching" />
        <Suspense>
          <SignInEmailsWaiting schoolId={school.schoolId} />
        </Suspense>
        <EmptyState icon={Link2} title="Not used with Staffroom Lite">
          Your school uses Staffroom Lite, so nobody signs in with Google or Microsoft and there is nothing to match. Accounts linked before stay linked and
          work again if an administrator turns Lite off in Settings → Staff sign-in.
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

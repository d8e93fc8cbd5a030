import { NoSchool } from "@/components/layout/no-school";
import { PrintLoginCards } from "@/components/login-cards/print-login-cards";
import { PageHeader } from "@/components/layout/page-header";
import { PupilSignInSettings } from "@/components/pupil-sign-in/pupil-sign-in-settings";
import { ReissueForClass } from "@/components/pupil-sign-in/reissue-for-class";
import { SharedDeviceCard } from "@/components/pupil-sign-in/shared-device-card";
import { SettingsNav } from "@/components/settings/settings-nav";
import { currentSchool } from "@/lib/current-school";

export const metadata = { title: "Pupil sign-in" };

const DESCRIPTION = "Which year groups' pupils can sign in, and how: a password, a picture password on a shared device, or a QR badge.";

// Admins set the year groups and devices; every member of staff can set up a shared device and
// re-issue credentials for the classes they teach.
export default async function PupilSignInPage({ searchParams }: { searchParams: Promise<{ device?: string }> }) {
  const { me, school } = await currentSchool();
  if (!school) return <NoSchool email={me.user.email} />;
  const isAdmin = school.role !== "STAFF";
  // A trust viewer prints no credentials and sets nothing up: the cards that would be refused are left out.
  const canChange = school.role !== "TRUST_VIEWER";
  const deviceReady = (await searchParams).device === "ready";
  return (
    <>
      <PageHeader title="Pupil sign-in" description={DESCRIPTION} />
      {isAdmin && <SettingsNav />}
      {/* A column of flex items, not grid cells: the year-group table scrolls inside its card on a phone. */}
      <div className="flex flex-col gap-6">
        {isAdmin && canChange && <PupilSignInSettings schoolId={school.schoolId} />}
        {canChange && <PrintLoginCards schoolId={school.schoolId} isAdmin={isAdmin} />}
        {canChange && <ReissueForClass schoolId={school.schoolId} isAdmin={isAdmin} />}
        {canChange && <SharedDeviceCard schoolId={school.schoolId} isAdmin={isAdmin} deviceReady={deviceReady} />}
      </div>
    </>
  );
}

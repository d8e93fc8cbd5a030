import Link from "next/link";
import { ArrowLeft } from "lucide-react";
import { WebhookSettings } from "@/components/apps/webhook-settings";
import { AdminOnly } from "@/components/layout/admin-only";
import { NoSchool } from "@/components/layout/no-school";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { currentSchool } from "@/lib/current-school";

export const metadata = { title: "App webhooks" };

/** Settings → Apps → an app's change webhooks: where they go, which events, and the delivery log. */
export default async function AppWebhooksPage({ params }: { params: Promise<{ appId: string }> }) {
  const [{ appId }, { me, school }] = await Promise.all([params, currentSchool()]);
  if (!school) return <NoSchool email={me.user.email} />;
  const header = (
    <PageHeader
      title="Webhooks"
      description="Tell the app when people join, change or leave, and when the school moves MIS, so it keeps its users up to date by itself."
      actions={
        <Button asChild variant="outline" size="sm">
          <Link href="/settings/apps">
            <ArrowLeft aria-hidden /> All apps
          </Link>
        </Button>
      }
    />
  );
  if (school.role === "STAFF")
    return (
      <>
        {header}
        <AdminOnly what="change the school's apps" />
      </>
    );
  return (
    <>
      {header}
      <WebhookSettings schoolId={school.schoolId} appId={appId} />
    </>
  );
}

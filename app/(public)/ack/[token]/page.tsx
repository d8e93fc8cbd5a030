import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import { db } from "@/server/db";
import { describeAck } from "@/server/incidents/notifications";
import { AckForm } from "./ack-form";

export const metadata = { title: "Confirm you have read the school's email", robots: { index: false } };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ token: string }> };

/**
 * Where a parent lands from the incident email. Opening the page changes nothing (mail
 * scanners follow links); pressing the button confirms, once. No names are shown: the link
 * may have been forwarded.
 */
export default async function AcknowledgePage({ params }: Props) {
  const token = decodeURIComponent((await params).token);
  const ack = await describeAck(db, token);
  return (
    <main className="flex min-h-screen items-center justify-center bg-muted/40 p-4">
      <Card className="w-full max-w-md">
        <CardHeader className="text-center">
          <CardTitle>
            <h1 className="text-xl">{ack.valid ? ack.schoolName : "Link not recognised"}</h1>
          </CardTitle>
          <CardDescription>
            {ack.valid
              ? `Please confirm you have read the school's email about incident ${ack.reference}.`
              : "This link doesn't work. It may have been copied incompletely. If you need to reach the school, reply to their email."}
          </CardDescription>
        </CardHeader>
        {ack.valid && (
          <CardContent>
            {ack.acknowledgedAt ? (
              <p role="status" className="text-center text-sm text-muted-foreground">
                Already confirmed on {formatDateTime(ack.acknowledgedAt)}. Thank you.
              </p>
            ) : (
              <AckForm token={token} schoolName={ack.schoolName} />
            )}
          </CardContent>
        )}
      </Card>
    </main>
  );
}

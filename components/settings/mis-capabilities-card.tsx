import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { MIS_SUPPORT } from "@/server/wonde/mis-capabilities";
import type { WondeSettings } from "./wonde-connection";

type Capability = Exclude<keyof WondeSettings["capabilities"], "mis" | "known">;

const CAPABILITIES: { key: Capability; label: string; effect: string }[] = [
  { key: "roles", label: "Staff roles (job titles)", effect: "Job titles show as “Not provided”." },
  { key: "photo", label: "Staff photos", effect: "Staff appear without photos." },
  { key: "reportsTo", label: "Line managers", effect: "Line managers and reports show as “Not provided”." },
  { key: "classStaffLinks", label: "Which staff teach which classes", effect: "Classes are listed without their teachers." },
  { key: "subjectStaffLinks", label: "Which staff teach which subjects", effect: "Subjects are listed without their staff." },
];

/** What the school's MIS shares through Wonde, so a blank column reads as a limit, not a bug. */
export function MisCapabilitiesCard({ settings, misName }: { settings: WondeSettings; misName: string }) {
  const { capabilities } = settings;
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>What {misName} shares</h2>
        </CardTitle>
        <CardDescription>
          {capabilities.known
            ? `Some MIS don't share every kind of staff data through Wonde. Here is what ${misName} shares.`
            : "Staffroom doesn't know this MIS's limits yet, so it expects everything to be shared. Anything missing shows as blank."}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <Table aria-label="MIS capabilities">
          <TableHeader>
            <TableRow>
              <TableHead>Data</TableHead>
              <TableHead>Shared</TableHead>
              <TableHead>If not</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {CAPABILITIES.map(({ key, label, effect }) => (
              <TableRow key={key}>
                <TableCell>{label}</TableCell>
                <TableCell>{capabilities[key] ? <Badge variant="secondary">Shared</Badge> : <Badge variant="outline">Not shared</Badge>}</TableCell>
                <TableCell className="whitespace-normal text-muted-foreground">{capabilities[key] ? "—" : effect}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {settings.misGaps.length > 0 && (
          <ul className="list-disc pl-5 text-sm" aria-label="What your MIS does not share">
            {settings.misGaps.map((gap) => (
              <li key={gap}>{gap}</li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

/** Every MIS Wonde supports and what each can't share, so a school can check a move before it makes it. */
export function MisSupportCard({ current }: { current: string | null }) {
  const label = (key: Capability) => CAPABILITIES.find((c) => c.key === key)!.label.toLowerCase();
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>MIS that Wonde supports</h2>
        </CardTitle>
        <CardDescription>What each MIS can&apos;t share with Staffroom through Wonde. Useful before you change MIS.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <Table aria-label="MIS that Wonde supports">
          <TableHeader>
            <TableRow>
              <TableHead>MIS</TableHead>
              <TableHead>Doesn&apos;t share</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {MIS_SUPPORT.map((mis) => (
              <TableRow key={mis.name}>
                <TableCell className="font-medium">
                  {mis.name} {mis.name === current && <Badge variant="secondary">Yours</Badge>}
                </TableCell>
                <TableCell className="whitespace-normal text-muted-foreground">{mis.missing.length ? mis.missing.map((m) => label(m)).join(", ") : "Shares everything Staffroom uses"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <p className="text-sm">MIS not listed? Ask your Wonde account manager whether Wonde supports it.</p>
      </CardContent>
    </Card>
  );
}

import type { ReactNode } from "react";
import Link from "next/link";
import { Info, UserX } from "lucide-react";
import { NotProvided, NotRecorded } from "@/components/people/not-provided";
import { StaffLink } from "@/components/people/person-link";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Breadcrumb, BreadcrumbItem, BreadcrumbLink, BreadcrumbList, BreadcrumbPage, BreadcrumbSeparator } from "@/components/ui/breadcrumb";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDate, formatDateTime } from "@/lib/format";
import { formatPersonName } from "@/lib/person-name";
import type { RouterOutputs } from "@/lib/router-types";
import { PersonAvatar } from "@/components/people/person-avatar";

type StaffMember = RouterOutputs["staff"]["get"];

const PROVIDERS: Record<string, string> = { google: "Google", "microsoft-entra-id": "Microsoft", microsoft: "Microsoft", credentials: "Email and password" };

/** One staff member: each MIS field with where it came from, their classes, subjects, line management and account. */
export function StaffDetail({ person, timezone }: { person: StaffMember; timezone: string }) {
  const mis = person.capabilities.mis ?? person.mis ?? "your MIS";
  const source = `${mis} via Wonde`;
  const caps = person.capabilities;
  const text = (value: string | null | undefined) => value?.trim() || <NotRecorded />;

  const fields: { label: string; value: ReactNode; source: string }[] = [
    { label: "Title", value: text(person.title), source },
    { label: "Forename", value: text(person.forename), source },
    { label: "Surname", value: text(person.surname), source },
    { label: "Initials", value: text(person.initials), source },
    {
      label: "Work email",
      value: person.email ?? (
        <span className="text-amber-700 dark:text-amber-300">None in {mis}: they can&apos;t sign in with email and password until one is added</span>
      ),
      source,
    },
    { label: "Phone", value: text(person.phone), source },
    { label: "Job title", value: person.jobTitle ?? (caps.roles ? <NotRecorded /> : <NotProvided mis={mis} />), source },
    { label: "Teaching", value: person.teaching === null ? <NotRecorded /> : person.teaching ? "Teaching staff" : "Non-teaching staff", source },
    { label: "Staff code", value: text(person.staffCode), source },
    { label: "Teacher number", value: text(person.teacherNumber), source },
    {
      label: "Line manager",
      value: person.lineManager ? <StaffLink person={person.lineManager} /> : caps.reportsTo ? <NotRecorded>None</NotRecorded> : <NotProvided mis={mis} />,
      source,
    },
    { label: "Photo", value: caps.photo ? (person.photoUrl ? "Imported" : <NotRecorded>Not imported</NotRecorded>) : <NotProvided mis={mis} />, source },
    {
      label: "Last synced",
      value: person.lastSyncedAt ? <time dateTime={person.lastSyncedAt.toISOString()}>{formatDateTime(person.lastSyncedAt, timezone)}</time> : <NotRecorded>Never</NotRecorded>,
      source: "Staffroom",
    },
  ];

  return (
    <div className="grid gap-6">
      <div className="grid gap-3">
        <Breadcrumb>
          <BreadcrumbList>
            <BreadcrumbItem>
              <BreadcrumbLink asChild>
                <Link href="/staff">Staff</Link>
              </BreadcrumbLink>
            </BreadcrumbItem>
            <BreadcrumbSeparator />
            <BreadcrumbItem>
              <BreadcrumbPage>{formatPersonName(person)}</BreadcrumbPage>
            </BreadcrumbItem>
          </BreadcrumbList>
        </Breadcrumb>
        <div className="flex flex-wrap items-center gap-3">
          <PersonAvatar personId={person.id} name={`${person.forename} ${person.surname}`} initials={person.initials} photoHash={person.photo?.hash ?? null} className="size-12" />
          <h1 className="text-2xl font-semibold tracking-tight">{formatPersonName(person, { title: true })}</h1>
          {person.archivedAt ? <Badge variant="outline">Left</Badge> : <Badge variant="secondary">Current</Badge>}
          {person.teaching !== null && <Badge variant="outline">{person.teaching ? "Teaching" : "Non-teaching"}</Badge>}
        </div>
        {person.jobTitle && <p className="text-sm text-muted-foreground">{person.jobTitle}</p>}
      </div>

      {person.archivedAt && (
        <Alert>
          <UserX aria-hidden />
          <AlertTitle>Left</AlertTitle>
          <AlertDescription>
            {person.forename} {person.surname} is no longer on the staff list in {mis} (archived {formatDate(person.archivedAt, timezone)}). Their record is kept so their history stays
            complete.
          </AlertDescription>
        </Alert>
      )}

      {person.misGaps.length > 0 && (
        <Alert>
          <Info aria-hidden />
          <AlertTitle>What {mis} doesn&apos;t share</AlertTitle>
          <AlertDescription>
            <ul className="list-disc pl-4">
              {person.misGaps.map((gap) => (
                <li key={gap}>{gap}</li>
              ))}
            </ul>
          </AlertDescription>
        </Alert>
      )}

      <div className="grid gap-6 lg:grid-cols-2">
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>
              <h2>Details</h2>
            </CardTitle>
            <CardDescription>Synced from {mis}. Change them in {mis}; the next sync brings the change here.</CardDescription>
          </CardHeader>
          <CardContent>
            <Table aria-label="Details">
              <TableHeader>
                <TableRow>
                  <TableHead className="w-28 sm:w-48">Field</TableHead>
                  <TableHead>Value</TableHead>
                  <TableHead className="hidden w-44 sm:table-cell">Source</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {fields.map((field) => (
                  <TableRow key={field.label}>
                    <TableHead scope="row" className="font-medium whitespace-normal">
                      {field.label}
                    </TableHead>
                    <TableCell className="whitespace-normal [overflow-wrap:anywhere]">
                      {field.value}
                      {/* On a phone the source goes under the value instead of in a third column. */}
                      <span className="block text-xs text-muted-foreground sm:hidden">{field.source}</span>
                    </TableCell>
                    <TableCell className="hidden text-muted-foreground sm:table-cell">{field.source}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Classes</h2>
            </CardTitle>
            <CardDescription>Classes {person.forename} teaches, from {mis}.</CardDescription>
          </CardHeader>
          <CardContent>
            {!caps.classStaffLinks ? (
              <NotProvided mis={mis} />
            ) : person.classesTaught.length === 0 ? (
              <NotRecorded>No classes</NotRecorded>
            ) : (
              <Table aria-label="Classes">
                <TableHeader>
                  <TableRow>
                    <TableHead>Class</TableHead>
                    <TableHead>Subject</TableHead>
                    <TableHead className="text-right">Pupils</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {person.classesTaught.map(({ class: cls, isMainTeacher }) => (
                    <TableRow key={cls.id}>
                      <TableCell>
                        <span className="font-medium">{cls.name}</span>
                        {cls.code && cls.code !== cls.name && <span className="text-muted-foreground"> ({cls.code})</span>}
                        {isMainTeacher && (
                          <Badge variant="secondary" className="ml-2">
                            Main teacher
                          </Badge>
                        )}
                      </TableCell>
                      <TableCell>{cls.subject?.name ?? <NotRecorded>None</NotRecorded>}</TableCell>
                      <TableCell className="text-right tabular-nums">{cls._count.pupils}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Subjects</h2>
            </CardTitle>
            <CardDescription>Subjects {person.forename} teaches, from {mis}.</CardDescription>
          </CardHeader>
          <CardContent>
            {!caps.subjectStaffLinks ? (
              <NotProvided mis={mis} />
            ) : person.subjectsTaught.length === 0 ? (
              <NotRecorded>No subjects</NotRecorded>
            ) : (
              <ul className="flex flex-wrap gap-2" aria-label="Subjects">
                {person.subjectsTaught.map(({ subject }) => (
                  <li key={subject.id}>
                    <Badge variant="outline">{subject.name}</Badge>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Line management</h2>
            </CardTitle>
            <CardDescription>Who {person.forename} reports to, and who reports to them.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4 text-sm">
            {!caps.reportsTo ? (
              <NotProvided mis={mis} />
            ) : (
              <>
                <div>
                  <h3 className="mb-1 font-medium">Line manager</h3>
                  {person.lineManager ? <StaffLink person={person.lineManager} /> : <NotRecorded>None</NotRecorded>}
                </div>
                <div>
                  <h3 className="mb-1 font-medium">Reports</h3>
                  {person.reports.length === 0 ? (
                    <NotRecorded>Nobody reports to {person.forename}</NotRecorded>
                  ) : (
                    <ul className="grid gap-1" aria-label="Reports">
                      {person.reports.map((report) => (
                        <li key={report.id}>
                          <StaffLink person={report} />
                          {report.jobTitle && <span className="block text-xs text-muted-foreground">{report.jobTitle}</span>}
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              </>
            )}
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Staffroom account</h2>
            </CardTitle>
            <CardDescription>How {person.forename} signs in to Staffroom.</CardDescription>
          </CardHeader>
          <CardContent className="text-sm">
            {!person.account ? (
              <NotRecorded>{person.email ? "No account yet." : "No account: there is no work email to sign in with."}</NotRecorded>
            ) : (
              <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[10rem_minmax(0,1fr)] sm:gap-y-2">
                <dt className="font-medium">Email</dt>
                <dd className="[overflow-wrap:anywhere]">{person.account.email}</dd>
                <dt className="font-medium">Password</dt>
                <dd>{person.account.hasPassword ? "Set" : <NotRecorded>Not set yet (they use &ldquo;Forgot password&rdquo; to choose one)</NotRecorded>}</dd>
                <dt className="font-medium">Single sign-on</dt>
                <dd className="flex flex-wrap gap-1">
                  {person.account.providers.length === 0 ? (
                    <NotRecorded>None linked</NotRecorded>
                  ) : (
                    person.account.providers.map((provider) => (
                      <Badge key={provider} variant="outline">
                        {PROVIDERS[provider] ?? provider}
                      </Badge>
                    ))
                  )}
                </dd>
                <dt className="font-medium">Status</dt>
                <dd>{person.account.disabled ? <Badge variant="destructive">Disabled</Badge> : <Badge variant="secondary">Active</Badge>}</dd>
              </dl>
            )}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}

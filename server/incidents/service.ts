// The accident & incident book: log, edit, close and read incidents. Routers stay thin and
// call these; every change is written to the activity log in the same transaction.
import { recordActivity, userActor } from "../activity/record";
import type { Db } from "../db";
import type { Prisma, Role } from "../generated/prisma/client";
import { isAdminRole, schoolsForUser, seesWholeSchool } from "../schools/access";
import { UserFacingError } from "../user-facing-error";
import { incidentReference } from "@/lib/incidents/labels";
import { dateToWallTime, wallTimeToDate } from "@/lib/incidents/time";
import type { IncidentFields } from "./input";

/** Who is asking, at which school, in which role. */
export type IncidentCaller = { userId: string; schoolId: string; role: Role };

/**
 * Who reads the book: a school's caller, or a trust member across the schools of their trust
 * (calendar dates in the filters read in `timeZone`, the schools').
 */
export type IncidentReader = IncidentCaller | { userId: string; role: Role; schoolIds: readonly string[]; timeZone: string };

const readerSchoolIds = (reader: IncidentReader): readonly string[] => ("schoolIds" in reader ? reader.schoolIds : [reader.schoolId]);

type Tx = Prisma.TransactionClient;

export const incidentSubject = (incident: { id: string; number: number }) => ({ type: "Incident", id: incident.id, label: incidentReference(incident.number) });

/** Admins may edit any incident; the reporter theirs, while it is open. */
export function canEditIncident(caller: IncidentCaller, incident: { reporterUserId: string; status: "OPEN" | "CLOSED" }): boolean {
  return isAdminRole(caller.role) || (incident.reporterUserId === caller.userId && incident.status === "OPEN");
}

/** Admins (and trust viewers) see the whole book; staff see the incidents they logged. */
export function visibleIncidents(caller: IncidentReader): Prisma.IncidentWhereInput {
  const ids = readerSchoolIds(caller);
  const schoolId = ids.length === 1 ? ids[0]! : { in: [...ids] };
  return seesWholeSchool(caller.role) ? { schoolId } : { schoolId, reporterUserId: caller.userId };
}

/** The incident, if the caller may see it; else NOT_FOUND (no hint that it exists). */
export async function findVisibleIncident(db: Db | Tx, caller: IncidentCaller, incidentId: string) {
  const incident = await db.incident.findFirst({ where: { id: incidentId, ...visibleIncidents(caller) } });
  if (!incident) throw new UserFacingError("NOT_FOUND", "No such incident in this school's book.");
  return incident;
}

/** Schools whose people may be named in this school's incidents: the school, and its trust's schools the caller can open. */
export async function peopleSchoolIds(db: Db, caller: IncidentCaller): Promise<string[]> {
  const school = await db.school.findUniqueOrThrow({ where: { id: caller.schoolId }, select: { trustId: true } });
  if (!school.trustId) return [caller.schoolId];
  const [access, trustSchools] = await Promise.all([
    schoolsForUser(db, caller.userId),
    db.school.findMany({ where: { trustId: school.trustId }, select: { id: true } }),
  ]);
  const inTrust = new Set(trustSchools.map((s) => s.id));
  return [...new Set([caller.schoolId, ...access.map((a) => a.schoolId).filter((id) => inTrust.has(id))])];
}

async function checkPeople(db: Db, caller: IncidentCaller, fields: IncidentFields) {
  const ids = [...new Set([...fields.affected.map((a) => a.personId), ...fields.actions.map((a) => a.ownerPersonId)].filter((id): id is string => Boolean(id)))];
  if (ids.length) {
    const schools = await peopleSchoolIds(db, caller);
    const found = await db.person.count({ where: { id: { in: ids }, schoolId: { in: schools } } });
    if (found !== ids.length) throw new UserFacingError("BAD_REQUEST", "One of the people chosen is not at this school. Pick them again.");
  }
  if (fields.locationId) {
    const location = await db.incidentLocation.count({ where: { id: fields.locationId, schoolId: caller.schoolId } });
    if (!location) throw new UserFacingError("BAD_REQUEST", "That location is not on this school's list. Choose another.");
  }
  const seen = new Set<string>();
  for (const a of fields.affected) {
    if (!a.personId) continue;
    if (seen.has(a.personId)) throw new UserFacingError("BAD_REQUEST", "The same person is listed twice among the affected people.");
    seen.add(a.personId);
  }
}

async function schoolTimezone(db: Db | Tx, schoolId: string) {
  return (await db.school.findUniqueOrThrow({ where: { id: schoolId }, select: { timezone: true } })).timezone;
}

function scalarData(fields: IncidentFields, timeZone: string) {
  return {
    occurredAt: wallTimeToDate(fields.occurredAt, timeZone),
    locationId: fields.locationId ?? null,
    locationDetail: fields.locationDetail,
    type: fields.type,
    severity: fields.severity,
    description: fields.description,
    firstAidGiven: fields.firstAidGiven,
    firstAidDetails: fields.firstAidGiven ? fields.firstAidDetails : null,
    firstAidBy: fields.firstAidGiven ? fields.firstAidBy : null,
    outcome: fields.outcome ?? null,
    witnesses: fields.witnesses,
    riddorReportable: fields.riddorReportable,
    riddorReason: fields.riddorReportable ? fields.riddorReason : null,
  };
}

function affectedData(a: IncidentFields["affected"][number], position: number) {
  return {
    personId: a.personId ?? null,
    visitorKind: a.personId ? null : (a.visitorKind ?? "VISITOR"),
    visitorName: a.personId ? null : a.visitorName,
    injury: a.injury,
    bodyPart: a.bodyPart,
    position,
  };
}

function actionsData(actions: IncidentFields["actions"], previous: Map<string, Date | null> = new Map()) {
  return actions.map((a, position) => ({
    description: a.description,
    ownerPersonId: a.ownerPersonId ?? null,
    dueOn: a.dueOn ? new Date(`${a.dueOn}T00:00:00Z`) : null,
    // A completed action keeps the time it was first marked done.
    completedAt: a.done ? (previous.get(a.description) ?? new Date()) : null,
    position,
  }));
}

export async function createIncident(db: Db, caller: IncidentCaller, fields: IncidentFields) {
  await checkPeople(db, caller, fields);
  const timeZone = await schoolTimezone(db, caller.schoolId);
  const actor = await userActor(db, caller.userId);
  return db.$transaction(async (tx) => {
    // One running number per school, allocated under a per-school lock.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`incident-number:${caller.schoolId}`}))`;
    const last = await tx.incident.aggregate({ where: { schoolId: caller.schoolId }, _max: { number: true } });
    const incident = await tx.incident.create({
      data: {
        schoolId: caller.schoolId,
        number: (last._max.number ?? 0) + 1,
        reporterUserId: caller.userId,
        ...scalarData(fields, timeZone),
        affected: { create: fields.affected.map((a, i) => ({ schoolId: caller.schoolId, ...affectedData(a, i) })) },
        actions: { create: actionsData(fields.actions) },
      },
    });
    await recordActivity(
      { schoolId: caller.schoolId, actor, action: "Incident Logged", subject: incidentSubject(incident), details: { type: incident.type, severity: incident.severity, affected: fields.affected.length } },
      tx,
    );
    return incident;
  });
}

const TRACKED_FIELDS = ["occurredAt", "locationId", "locationDetail", "type", "severity", "description", "firstAidGiven", "firstAidDetails", "firstAidBy", "outcome", "witnesses", "riddorReportable", "riddorReason"] as const;

export async function updateIncident(db: Db, caller: IncidentCaller, incidentId: string, fields: IncidentFields) {
  const existing = await findVisibleIncident(db, caller, incidentId);
  if (!canEditIncident(caller, existing))
    throw new UserFacingError("FORBIDDEN", existing.status === "CLOSED" ? "This incident is closed: only an administrator can change it." : "Only the person who logged this incident, or an administrator, can change it.");
  await checkPeople(db, caller, fields);
  const timeZone = await schoolTimezone(db, caller.schoolId);
  const actor = await userActor(db, caller.userId);
  const data = scalarData(fields, timeZone);
  const changed: string[] = TRACKED_FIELDS.filter((key) => {
    const before = existing[key];
    const after = data[key];
    return before instanceof Date && after instanceof Date ? before.getTime() !== after.getTime() : before !== after;
  });

  return db.$transaction(async (tx) => {
    const current = await tx.incidentPerson.findMany({ where: { incidentId }, include: { _count: { select: { notifications: true } } } });
    const keep = new Set(fields.affected.map((a) => a.id).filter(Boolean));
    for (const a of fields.affected) if (a.id && !current.some((c) => c.id === a.id)) throw new UserFacingError("BAD_REQUEST", "An affected person was changed by someone else: reload the incident.");
    const removed = current.filter((c) => !keep.has(c.id));
    if (removed.some((c) => c._count.notifications > 0))
      throw new UserFacingError("BAD_REQUEST", "Someone whose family or next of kin has been notified can't be removed from the incident.");
    if (removed.length) await tx.incidentPerson.deleteMany({ where: { id: { in: removed.map((r) => r.id) } } });
    let affectedChanged = removed.length > 0;
    for (const [i, a] of fields.affected.entries()) {
      const values = affectedData(a, i);
      if (a.id) {
        const before = current.find((c) => c.id === a.id)!;
        if (before.personId !== values.personId && before._count.notifications > 0)
          throw new UserFacingError("BAD_REQUEST", "Someone whose family or next of kin has been notified can't be swapped for another person.");
        if ((Object.keys(values) as (keyof typeof values)[]).some((k) => before[k] !== values[k])) affectedChanged = true;
        await tx.incidentPerson.update({ where: { id: a.id }, data: values });
      } else {
        affectedChanged = true;
        await tx.incidentPerson.create({ data: { incidentId, schoolId: caller.schoolId, ...values } });
      }
    }
    if (affectedChanged) changed.push("affected");

    const previousActions = await tx.incidentAction.findMany({ where: { incidentId }, orderBy: { position: "asc" } });
    const nextActions = actionsData(fields.actions, new Map(previousActions.map((a) => [a.description, a.completedAt])));
    const describe = (a: { description: string; ownerPersonId: string | null; dueOn: Date | null; completedAt: Date | null }) =>
      JSON.stringify([a.description, a.ownerPersonId, a.dueOn?.toISOString() ?? null, a.completedAt !== null]);
    if (previousActions.map(describe).join() !== nextActions.map(describe).join()) {
      changed.push("actions");
      await tx.incidentAction.deleteMany({ where: { incidentId } });
      await tx.incidentAction.createMany({ data: nextActions.map((a) => ({ ...a, incidentId })) });
    }

    const incident = await tx.incident.update({ where: { id: incidentId }, data });
    if (changed.length) await recordActivity({ schoolId: caller.schoolId, actor, action: "Incident Updated", subject: incidentSubject(incident), details: { changed } }, tx);
    return { incident, changed };
  });
}

export async function setIncidentStatus(db: Db, caller: IncidentCaller, incidentId: string, status: "OPEN" | "CLOSED") {
  const existing = await findVisibleIncident(db, caller, incidentId);
  if (status === "OPEN" && !isAdminRole(caller.role)) throw new UserFacingError("FORBIDDEN", "Only an administrator can reopen a closed incident.");
  if (status === "CLOSED" && !canEditIncident(caller, existing)) throw new UserFacingError("FORBIDDEN", "Only the person who logged this incident, or an administrator, can close it.");
  if (existing.status === status) return existing;
  const actor = await userActor(db, caller.userId);
  return db.$transaction(async (tx) => {
    const incident = await tx.incident.update({ where: { id: incidentId }, data: { status, closedAt: status === "CLOSED" ? new Date() : null } });
    await recordActivity({ schoolId: caller.schoolId, actor, action: status === "CLOSED" ? "Incident Closed" : "Incident Reopened", subject: incidentSubject(incident) }, tx);
    return incident;
  });
}

const personSelect = { id: true, kind: true, title: true, forename: true, surname: true, initials: true, ncYear: true, jobTitle: true, archivedAt: true, schoolId: true } as const;

/** One incident with everything its page shows, and what the caller may do with it. */
export async function getIncident(db: Db, caller: IncidentCaller, incidentId: string) {
  await findVisibleIncident(db, caller, incidentId);
  const incident = await db.incident.findUniqueOrThrow({
    where: { id: incidentId },
    include: {
      location: { select: { id: true, name: true } },
      reporter: { select: { id: true, name: true, email: true } },
      affected: { orderBy: { position: "asc" }, include: { person: { select: personSelect } } },
      actions: { orderBy: { position: "asc" }, include: { owner: { select: personSelect } } },
      notifications: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true, affectedId: true, recipientName: true, recipientEmail: true, relationship: true, recipientKind: true, status: true, error: true,
          attempts: true, sentAt: true, statusAt: true, acknowledgedAt: true, createdAt: true,
        },
      },
      school: { select: { name: true, timezone: true } },
    },
  });
  const canEdit = canEditIncident(caller, incident);
  const { school, ...rest } = incident;
  return {
    ...rest,
    reference: incidentReference(incident.number),
    schoolName: school.name,
    timezone: school.timezone,
    occurredAtWall: dateToWallTime(incident.occurredAt, school.timezone),
    canEdit,
    canClose: canEdit && incident.status === "OPEN",
    canReopen: isAdminRole(caller.role) && incident.status === "CLOSED",
    canNotify: canEdit,
  };
}

export type IncidentListFilters = {
  status?: "OPEN" | "CLOSED";
  type?: IncidentFields["type"];
  personId?: string;
  locationId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
};

/** The filters as a where clause over the caller's visible incidents (shared with the CSV export). */
export async function incidentWhere(db: Db, caller: IncidentReader, filters: Omit<IncidentListFilters, "page" | "pageSize">): Promise<Prisma.IncidentWhereInput> {
  const timeZone = "schoolIds" in caller ? caller.timeZone : await schoolTimezone(db, caller.schoolId);
  const occurredAt: Prisma.DateTimeFilter = {};
  if (filters.from) occurredAt.gte = wallTimeToDate(`${filters.from}T00:00`, timeZone);
  if (filters.to) {
    const end = wallTimeToDate(`${filters.to}T00:00`, timeZone);
    occurredAt.lt = new Date(end.getTime() + 24 * 3_600_000);
  }
  return {
    ...visibleIncidents(caller),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.locationId ? { locationId: filters.locationId } : {}),
    ...(filters.personId ? { affected: { some: { personId: filters.personId } } } : {}),
    ...(filters.from || filters.to ? { occurredAt } : {}),
  };
}

export async function listIncidents(db: Db, caller: IncidentReader, filters: IncidentListFilters) {
  const where = await incidentWhere(db, caller, filters);
  const [total, rows] = await Promise.all([
    db.incident.count({ where }),
    db.incident.findMany({
      where,
      orderBy: [{ occurredAt: "desc" }, { number: "desc" }],
      skip: (filters.page - 1) * filters.pageSize,
      take: filters.pageSize,
      select: {
        id: true, number: true, occurredAt: true, type: true, severity: true, status: true, locationDetail: true, riddorReportable: true,
        location: { select: { name: true } },
        school: { select: { id: true, name: true, timezone: true } },
        reporter: { select: { name: true, email: true } },
        affected: { orderBy: { position: "asc" }, select: { visitorName: true, visitorKind: true, person: { select: personSelect } } },
        _count: { select: { notifications: true } },
      },
    }),
  ]);
  return { total, rows: rows.map((r) => ({ ...r, reference: incidentReference(r.number) })) };
}


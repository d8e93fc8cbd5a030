// Emailing a pupil's parents (or a staff member's next of kin) about an incident, tracking
// delivery from Resend's webhooks, and the acknowledgement link. The incident is saved before
// any email is attempted, so a mail failure never loses it: the notification is kept as FAILED
// with the reason, and can be retried.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createElement } from "react";
import { IncidentNotificationEmail, type IncidentNotificationEmailProps } from "../../emails/IncidentNotification";
import { recordActivity, userActor, type Actor } from "../activity/record";
import type { Db } from "../db";
import { env } from "../env";
import type { NotificationStatus } from "../generated/prisma/client";
import { appLink } from "../mail/links";
import { deliverEmail, type MailConfig } from "../mail/transport";
import { UserFacingError } from "../user-facing-error";
import { incidentReference, OUTCOME_LABELS, SEVERITY_LABELS, TYPE_LABELS } from "@/lib/incidents/labels";
import { formatDateTime } from "@/lib/format";
import { effectiveNotificationTemplate, fillNotificationTemplate } from "@/lib/incidents/notification-template";
import { lookupContacts, type WondeClientFor } from "./contacts";
import { pupilsNamedIn, redactNames } from "./redact";
import { canEditIncident, findVisibleIncident, incidentSubject, type IncidentCaller } from "./service";

export type NotifyDeps = { mail?: MailConfig; clientFor?: WondeClientFor };

// ---------------------------------------------------------------------------
// Acknowledgement links: random, signed (so forged links are refused before any lookup), and
// stored only as a SHA-256 hash. They work once.

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const signature = (random: string) => createHmac("sha256", env.AUTH_SECRET).update(`incident-ack:${random}`).digest("base64url").slice(0, 22);

export function issueAckToken(): { token: string; hash: string } {
  const random = randomBytes(32).toString("base64url");
  const token = `${random}.${signature(random)}`;
  return { token, hash: sha256(token) };
}

function ackTokenHash(token: string): string | null {
  const [random, sig] = token.split(".");
  if (!random || !sig || token.length > 200) return null;
  const expected = Buffer.from(signature(random));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected) ? sha256(token) : null;
}

const ACK_SELECT = { id: true, acknowledgedAt: true, incident: { select: { id: true, number: true, schoolId: true, school: { select: { name: true } } } } } as const;

/** What the acknowledgement page shows before the button is pressed (no side effects). */
export async function describeAck(db: Db, token: string) {
  const hash = ackTokenHash(token);
  const row = hash ? await db.incidentNotification.findUnique({ where: { ackTokenHash: hash }, select: ACK_SELECT }) : null;
  if (!row) return { valid: false as const };
  return { valid: true as const, schoolName: row.incident.school.name, reference: incidentReference(row.incident.number), acknowledgedAt: row.acknowledgedAt };
}

/** Confirms receipt once; a second use reports when it was confirmed. */
export async function acknowledge(db: Db, token: string) {
  const hash = ackTokenHash(token);
  const row = hash ? await db.incidentNotification.findUnique({ where: { ackTokenHash: hash }, select: ACK_SELECT }) : null;
  if (!row) return { state: "invalid" as const };
  const now = new Date();
  const claimed = await db.$transaction(async (tx) => {
    const { count } = await tx.incidentNotification.updateMany({ where: { id: row.id, acknowledgedAt: null }, data: { acknowledgedAt: now } });
    if (count) {
      await recordActivity(
        { schoolId: row.incident.schoolId, actor: { system: "Acknowledgement link" }, action: "Incident Notification Acknowledged", subject: incidentSubject(row.incident), details: { notificationId: row.id } },
        tx,
      );
    }
    return count > 0;
  });
  const acknowledgedAt = claimed ? now : ((await db.incidentNotification.findUnique({ where: { id: row.id }, select: { acknowledgedAt: true } }))?.acknowledgedAt ?? now);
  return { state: claimed ? ("acknowledged" as const) : ("already" as const), acknowledgedAt, schoolName: row.incident.school.name, reference: incidentReference(row.incident.number) };
}

// ---------------------------------------------------------------------------
// Sending

async function incidentForEmail(db: Db, incidentId: string) {
  return db.incident.findUniqueOrThrow({
    where: { id: incidentId },
    include: {
      school: { select: { name: true, timezone: true, incidentSettings: { select: { replyToEmail: true, notificationTemplate: true } }, trust: { select: { incidentNotificationTemplate: true } } } },
      location: { select: { name: true } },
      reporter: { select: { email: true } },
      affected: { include: { person: { select: { id: true, forename: true, surname: true } } } },
    },
  });
}
type EmailIncident = Awaited<ReturnType<typeof incidentForEmail>>;

/** The email's details for one affected person: their own name only; everyone else's taken out of the free text. */
async function emailProps(db: Db, incident: EmailIncident, affectedId: string, recipientName: string, ackUrl: string | null): Promise<IncidentNotificationEmailProps> {
  const affected = incident.affected.find((a) => a.id === affectedId)!;
  const about = affected.person!;
  const othersInIncident = incident.affected.filter((a) => a.id !== affectedId).map((a) => (a.person ? { forename: a.person.forename, surname: a.person.surname } : null)).filter((n) => n !== null);
  const text = [incident.description, incident.locationDetail ?? "", affected.injury ?? "", affected.bodyPart ?? "", incident.firstAidDetails ?? ""].join(" \n ");
  const others = [...othersInIncident, ...(await pupilsNamedIn(db, incident.schoolId, text, about.id))];
  const redact = (value: string) => redactNames(value, about, others);
  const place = [incident.location?.name, incident.locationDetail ? redact(incident.locationDetail) : null].filter(Boolean).join(" – ");
  const injury = [affected.injury, affected.bodyPart ? `(${affected.bodyPart})` : null].filter(Boolean).join(" ");
  const firstAid = incident.firstAidGiven ? [incident.firstAidDetails ? redact(incident.firstAidDetails) : "First aid was given", incident.firstAidBy ? `by ${incident.firstAidBy}` : null].filter(Boolean).join(" ") : null;
  const aboutName = `${about.forename} ${about.surname}`;
  const template = effectiveNotificationTemplate(incident.school.incidentSettings?.notificationTemplate, incident.school.trust?.incidentNotificationTemplate);
  return {
    schoolName: incident.school.name,
    recipientName,
    aboutName,
    intro: fillNotificationTemplate(template, { school: incident.school.name, name: aboutName }),
    reference: incidentReference(incident.number),
    when: formatDateTime(incident.occurredAt, incident.school.timezone),
    where: place || "At school",
    type: TYPE_LABELS[incident.type],
    severity: SEVERITY_LABELS[incident.severity],
    whatHappened: redact(incident.description),
    injury: injury ? redact(injury) : null,
    firstAid,
    outcome: incident.outcome ? OUTCOME_LABELS[incident.outcome] : null,
    replyTo: replyToFor(incident),
    ackUrl,
  };
}

/** Replies go to the school's office address (incident settings), else to the reporter. */
function replyToFor(incident: EmailIncident): string {
  // Reporters are staff, who always have an email (only pupils have none).
  return incident.school.incidentSettings?.replyToEmail ?? incident.reporter.email ?? "";
}

const EMAIL_DISABLED = "Not sent (email disabled)";

type NotificationRow = { id: string; incidentId: string; affectedId: string; recipientName: string; recipientEmail: string; ackTokenHash: string | null; attempts: number };

/** Sends one notification row's email and records the outcome on it; never throws for a mail failure. */
async function attemptSend(db: Db, row: NotificationRow, incident: EmailIncident, actor: Actor, withAck: boolean, mail?: MailConfig) {
  const ack = withAck ? issueAckToken() : null;
  const props = await emailProps(db, incident, row.affectedId, row.recipientName, ack ? appLink(`/ack/${ack.token}`) : null);
  const subjectLine = `${props.schoolName}: an incident involving ${props.aboutName}`;
  let outcome: { status: NotificationStatus; resendId: string | null; error: string | null };
  try {
    const sent = await deliverEmail(db, { to: row.recipientEmail, subject: subjectLine, react: createElement(IncidentNotificationEmail, props), replyTo: props.replyTo }, mail);
    outcome =
      sent.via === "disabled" ? { status: "NOT_SENT", resendId: null, error: EMAIL_DISABLED } : { status: "SENT", resendId: sent.via === "resend" ? sent.id : null, error: null };
  } catch (error) {
    outcome = { status: "FAILED", resendId: null, error: error instanceof Error ? error.message : String(error) };
  }
  const now = new Date();
  return db.$transaction(async (tx) => {
    const updated = await tx.incidentNotification.update({
      where: { id: row.id },
      data: { ...outcome, attempts: row.attempts + 1, statusAt: now, sentAt: outcome.status === "SENT" ? now : null, ackTokenHash: ack?.hash ?? null },
    });
    await recordActivity(
      {
        schoolId: incident.schoolId,
        actor,
        action: outcome.status === "SENT" ? "Incident Notification Sent" : outcome.status === "NOT_SENT" ? "Incident Notification Not Sent" : "Incident Notification Failed",
        subject: incidentSubject(incident),
        details: { notificationId: row.id, attempt: row.attempts + 1, ...(outcome.error ? { error: outcome.error } : {}) },
      },
      tx,
    );
    return updated;
  });
}

async function checkCanNotify(db: Db, caller: IncidentCaller, incidentId: string) {
  const incident = await findVisibleIncident(db, caller, incidentId);
  if (!canEditIncident(caller, incident)) throw new UserFacingError("FORBIDDEN", "Only the person who logged this incident, or an administrator, can notify families about it.");
  return incident;
}

/**
 * Emails the chosen contacts of one affected person. The contacts are read from Wonde again
 * here (the browser only names which), and each recipient's name and email are stored on
 * its notification: the only place Staffroom keeps them.
 */
export async function sendNotifications(
  db: Db,
  caller: IncidentCaller,
  input: { incidentId: string; affectedId: string; recipientKeys: string[]; acknowledgement: boolean },
  deps: NotifyDeps = {},
) {
  await checkCanNotify(db, caller, input.incidentId);
  const affected = await db.incidentPerson.findFirst({ where: { id: input.affectedId, incidentId: input.incidentId } });
  if (!affected?.personId) throw new UserFacingError("BAD_REQUEST", "Only pupils and staff from the MIS have contacts to notify.");
  const { contacts, personKind } = await lookupContacts(db, affected.personId, deps.clientFor);
  const chosen = input.recipientKeys.map((key) => contacts.find((c) => c.key === key));
  if (!chosen.length || chosen.some((c) => !c)) throw new UserFacingError("BAD_REQUEST", "The contacts have changed in the MIS since they were shown: look them up again and choose.");
  const missingEmail = chosen.find((c) => !c!.email);
  if (missingEmail) throw new UserFacingError("BAD_REQUEST", `${missingEmail.name} has no email address in the MIS.`);

  const actor = await userActor(db, caller.userId);
  const incident = await incidentForEmail(db, input.incidentId);
  const results = [];
  for (const contact of chosen) {
    const row = await db.incidentNotification.create({
      data: {
        incidentId: input.incidentId,
        affectedId: affected.id,
        schoolId: caller.schoolId,
        recipientName: contact!.name,
        recipientEmail: contact!.email!,
        relationship: contact!.relationship,
        recipientKind: personKind === "PUPIL" ? "contact" : "next_of_kin",
        sentByUserId: caller.userId,
      },
    });
    results.push(await attemptSend(db, row, incident, actor, input.acknowledgement, deps.mail));
  }
  return results.map(publicNotification);
}

/** Sends a failed notification again, to the same recipient. */
export async function retryNotification(db: Db, caller: IncidentCaller, notificationId: string, deps: NotifyDeps = {}) {
  const row = await db.incidentNotification.findFirst({ where: { id: notificationId, schoolId: caller.schoolId } });
  if (!row) throw new UserFacingError("NOT_FOUND", "No such notification.");
  await checkCanNotify(db, caller, row.incidentId);
  if (row.status !== "FAILED" && row.status !== "BOUNCED") throw new UserFacingError("BAD_REQUEST", "Only a notification that failed or bounced can be sent again.");
  const incident = await incidentForEmail(db, row.incidentId);
  const updated = await attemptSend(db, row, incident, await userActor(db, caller.userId), row.ackTokenHash !== null, deps.mail);
  return publicNotification(updated);
}

function publicNotification(n: { id: string; status: NotificationStatus; error: string | null; recipientName: string; recipientEmail: string; sentAt: Date | null; resendId: string | null }) {
  return { id: n.id, status: n.status, error: n.error, recipientName: n.recipientName, recipientEmail: n.recipientEmail, sentAt: n.sentAt, resendId: n.resendId };
}

// ---------------------------------------------------------------------------
// Delivery status from Resend's webhooks

const EVENT_STATUS: Record<string, NotificationStatus> = {
  "email.sent": "SENT",
  "email.delivery_delayed": "DELIVERY_DELAYED",
  "email.delivered": "DELIVERED",
  "email.bounced": "BOUNCED",
  "email.complained": "COMPLAINED",
  "email.failed": "FAILED",
};

// Webhooks may arrive out of order: a status only moves forward.
const RANK: Record<NotificationStatus, number> = { SENDING: 0, NOT_SENT: 0, SENT: 1, DELIVERY_DELAYED: 2, DELIVERED: 3, BOUNCED: 4, COMPLAINED: 4, FAILED: 4 };

export type ResendEvent = { type: string; created_at?: string; data?: { email_id?: string; bounce?: { message?: string } } };

/** Applies one verified Resend event; returns what changed (or why nothing did). */
export async function applyResendEvent(db: Db, event: ResendEvent) {
  const status = EVENT_STATUS[event.type];
  const emailId = event.data?.email_id;
  if (!status || !emailId) return { applied: false as const, reason: "ignored event" };
  const row = await db.incidentNotification.findUnique({ where: { resendId: emailId }, include: { incident: { select: { id: true, number: true, schoolId: true } } } });
  if (!row) return { applied: false as const, reason: "unknown email" };
  if (RANK[status] < RANK[row.status] || status === row.status) return { applied: false as const, reason: "not newer" };
  const at = event.created_at ? new Date(event.created_at) : new Date();
  const error = status === "BOUNCED" ? (event.data?.bounce?.message ?? "The recipient's mail server refused the email.") : status === "COMPLAINED" ? "The recipient marked the email as spam." : status === "FAILED" ? "Resend could not send the email." : null;
  await db.$transaction(async (tx) => {
    await tx.incidentNotification.update({ where: { id: row.id }, data: { status, statusAt: Number.isNaN(at.getTime()) ? new Date() : at, ...(error ? { error } : {}) } });
    await recordActivity(
      { schoolId: row.incident.schoolId, actor: { system: "Resend" }, action: `Incident Notification ${status === "DELIVERED" ? "Delivered" : status === "DELIVERY_DELAYED" ? "Delayed" : status === "SENT" ? "Sent" : "Not Delivered"}`, subject: incidentSubject(row.incident), details: { notificationId: row.id, status } },
      tx,
    );
  });
  return { applied: true as const, notificationId: row.id, status };
}

// The incident form's schema: the log form validates with it as you type, and the tRPC
// procedures validate with it again. No server-only imports: client components use it.
import { z } from "zod";
import { INCIDENT_OUTCOMES, INCIDENT_SEVERITIES, INCIDENT_TYPES, VISITOR_KINDS } from "@/lib/incidents/labels";
import { isWallTime } from "@/lib/incidents/time";
import { isCalendarDate } from "@/lib/calendar";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep this under ${max} characters.`)
    .optional()
    .transform((v) => v || null);

export const affectedInput = z
  .object({
    /** Set when editing an existing entry, so its notifications stay attached. */
    id: z.string().min(1).optional(),
    personId: z.string().min(1).nullish(),
    visitorKind: z.enum(VISITOR_KINDS).nullish(),
    visitorName: optionalText(120),
    injury: optionalText(500),
    bodyPart: optionalText(120),
  })
  .superRefine((value, ctx) => {
    if (!value.personId && !value.visitorName) ctx.addIssue({ code: "custom", path: ["visitorName"], message: "Pick a person, or type the visitor's name." });
  });

export const actionInput = z.object({
  description: z.string().trim().min(1, "Say what needs doing.").max(500, "Keep this under 500 characters."),
  ownerPersonId: z.string().min(1).nullish(),
  dueOn: z
    .string()
    .refine(isCalendarDate, "Enter a real date.")
    .nullish()
    .or(z.literal("").transform(() => null)),
  done: z.boolean().default(false),
});

export const incidentFields = z
  .object({
    occurredAt: z.string().refine(isWallTime, "Enter the date and time it happened."),
    locationId: z.string().min(1).nullish(),
    locationDetail: optionalText(200),
    type: z.enum(INCIDENT_TYPES, "Choose the type of incident."),
    severity: z.enum(INCIDENT_SEVERITIES, "Choose how serious it was."),
    description: z.string().trim().min(1, "Describe what happened.").max(5000, "Keep this under 5,000 characters."),
    affected: z.array(affectedInput).min(1, "Add at least one affected person.").max(30),
    firstAidGiven: z.boolean().default(false),
    firstAidDetails: optionalText(1000),
    firstAidBy: optionalText(120),
    outcome: z.enum(INCIDENT_OUTCOMES).nullish(),
    witnesses: optionalText(1000),
    riddorReportable: z.boolean().default(false),
    riddorReason: optionalText(1000),
    actions: z.array(actionInput).max(30).default([]),
  })
  .superRefine((value, ctx) => {
    if (value.riddorReportable && !value.riddorReason) ctx.addIssue({ code: "custom", path: ["riddorReason"], message: "Say why it may be reportable under RIDDOR." });
    if (!value.locationId && !value.locationDetail) ctx.addIssue({ code: "custom", path: ["locationDetail"], message: "Choose a location or describe where it happened." });
  });

export type IncidentFieldsInput = z.input<typeof incidentFields>;
export type IncidentFields = z.output<typeof incidentFields>;

export const locationName = z.string().trim().min(1, "Name the location.").max(80, "Keep this under 80 characters.");

export const incidentSettingsInput = z.object({
  replyToEmail: z
    .email("Enter an email address, like office@school.example.")
    .nullable()
    .or(z.literal("").transform(() => null)),
  frequentThreshold: z.number("Enter a number.").int().min(2, "At least 2.").max(100, "At most 100."),
  frequentDays: z.number("Enter a number.").int().min(1, "At least 1 day.").max(366, "At most 366 days."),
});

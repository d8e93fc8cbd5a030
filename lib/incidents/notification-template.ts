// The opening paragraph of the incident notification email: Staffroom's, a trust's default or a
// school's own, with {school} and {name} (the pupil or member of staff) filled in. Client-safe.
import { z } from "zod";

export const DEFAULT_NOTIFICATION_TEMPLATE = "We are writing to let you know about an incident at {school} involving {name}. The details we recorded are below.";

export const notificationTemplateText = z
  .string()
  .trim()
  .min(10, "Write at least a sentence.")
  .max(1000, "At most 1,000 characters.")
  .refine((text) => text.includes("{name}"), "Include {name}, so families know who the email is about.");

/** The template with its placeholders filled in. */
export const fillNotificationTemplate = (template: string, values: { school: string; name: string }) => template.replaceAll("{school}", values.school).replaceAll("{name}", values.name);

/** The school's own ?? its trust's ?? Staffroom's. */
export const effectiveNotificationTemplate = (own: string | null | undefined, trust: string | null | undefined) => own ?? trust ?? DEFAULT_NOTIFICATION_TEMPLATE;

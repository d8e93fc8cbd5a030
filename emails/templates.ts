import { IncidentNotificationEmail } from "./IncidentNotification";
import { InviteEmail } from "./InviteEmail";
import { PasswordResetEmail } from "./PasswordResetEmail";

/** Every email template with its example props, for the preview page and the layout test. */
export const EMAIL_TEMPLATES = [
  { name: "IncidentNotification", component: IncidentNotificationEmail, previewProps: IncidentNotificationEmail.PreviewProps },
  { name: "InviteEmail", component: InviteEmail, previewProps: InviteEmail.PreviewProps },
  { name: "PasswordResetEmail", component: PasswordResetEmail, previewProps: PasswordResetEmail.PreviewProps },
] as const;

import type { ReactElement } from "react";
import { render } from "@react-email/components";
import { Resend } from "resend";
import type { Db } from "../db";
import { emailTransport, env } from "../env";
import { logger } from "../logger";

export type OutgoingEmail = { to: string; subject: string; react: ReactElement; /** Where replies go, e.g. the school office. */ replyTo?: string };
export const EMAIL_DISABLED_REASON = "email is disabled (EMAIL_TRANSPORT=log)";

/** `via: "disabled"`: nothing was sent or stored (EMAIL_TRANSPORT=log), so there is no id. */
export type SentEmail = { id: string; via: "resend" | "outbox" } | { id: null; via: "disabled" };

/**
 * Where email goes: Resend when an API key is set, else the dev outbox table; `disabled`
 * (EMAIL_TRANSPORT=log) sends and stores nothing, so no reset link is kept in clear.
 */
export type MailConfig = { apiKey?: string; baseUrl?: string; from: string; disabled?: boolean };

export function mailConfigFromEnv(): MailConfig {
  return { apiKey: env.RESEND_API_KEY, baseUrl: env.RESEND_BASE_URL, from: env.EMAIL_FROM, disabled: emailTransport(env) === "log" };
}

/** True when emails are captured to /dev/outbox instead of being sent. */
export function usesDevOutbox(config: MailConfig = mailConfigFromEnv()): boolean {
  return !config.disabled && !config.apiKey;
}

export class EmailNotSent extends Error {}

/** Renders the template (HTML and its plain-text twin) and sends it, or files it in the outbox. */
export async function deliverEmail(db: Db, email: OutgoingEmail, config: MailConfig = mailConfigFromEnv()): Promise<SentEmail> {
  if (config.disabled) {
    logger.warn({ to: email.to, subject: email.subject }, `Email not sent: ${EMAIL_DISABLED_REASON}`);
    return { id: null, via: "disabled" };
  }
  const [html, text] = await Promise.all([render(email.react), render(email.react, { plainText: true })]);
  if (!config.apiKey) {
    const row = await db.outboxEmail.create({ data: { to: email.to, subject: email.subject, html, text } });
    return { id: row.id, via: "outbox" };
  }
  const resend = new Resend(config.apiKey, config.baseUrl ? { baseUrl: config.baseUrl } : undefined);
  const { data, error } = await resend.emails.send({ from: config.from, to: email.to, subject: email.subject, html, text, ...(email.replyTo ? { replyTo: email.replyTo } : {}) });
  if (error || !data) throw new EmailNotSent(`Resend refused the email: ${error?.message ?? "no id returned"}`);
  return { id: data.id, via: "resend" };
}

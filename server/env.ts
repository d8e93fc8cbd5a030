import { z } from "zod";

// One validated environment for the whole server. Development needs no
// configuration: the secrets have local defaults there, while production
// refuses to start until the real values are set.

export const DEV_AUTH_SECRET = "staffroom-development-secret-not-for-production-use";
export const DEV_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString("base64");

/** Anyone with this repository knows these, so a production server must never use them. */
const notTheDevelopmentValue = (devValue: string) => (value: string) => value !== devValue;

function buildSchema(production: boolean) {
  const withDevDefault = (schema: z.ZodType<string>, value: string) => (production ? schema : schema.default(value));
  const schema = z.object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    /** PostgreSQL connection string; unset → embedded PGlite under STAFFROOM_DATA_DIR. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL (leave it unset for the embedded database)")
      .optional(),
    /** Folder for the embedded database and other local state. */
    STAFFROOM_DATA_DIR: z.string().default(".data"),
    /** Signs session cookies and tokens (Auth.js). `openssl rand -base64 33`. */
    AUTH_SECRET: withDevDefault(
      z
        .string()
        .refine((v) => Buffer.byteLength(v) >= 32, "must be at least 32 bytes (openssl rand -base64 33)")
        .refine(notTheDevelopmentValue(DEV_AUTH_SECRET), "is the development secret from the repository; generate a new one (openssl rand -base64 33)"),
      DEV_AUTH_SECRET,
    ),
    /** 32 bytes, base64: encrypts secrets at rest (Wonde tokens). `openssl rand -base64 32`. */
    ENCRYPTION_KEY: withDevDefault(
      z
        .string()
        .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes, base64-encoded")
        .refine(notTheDevelopmentValue(DEV_ENCRYPTION_KEY), "is the development key from the repository; generate a new one (openssl rand -base64 32)"),
      DEV_ENCRYPTION_KEY,
    ),
    /** Wonde API base; unset in development → the local emulator. */
    WONDE_BASE_URL: z.url().optional(),
    WONDE_TOKEN: z.string().optional(),
    /** Shared secret Wonde's webhooks must carry (X-Webhook-Secret header or ?secret=); unset → webhooks refused. */
    WONDE_WEBHOOK_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
    /** A sync whose heartbeat is older than this was left by a process that died; the next sync takes its lease over. */
    SYNC_LEASE_STALE_SECONDS: z.coerce.number().positive().default(300),
    /** Schools one process syncs at once from the PostgreSQL queue (`npm run worker`, or the web app). */
    SYNC_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
    /** "false": on PostgreSQL the web app only queues syncs and separate `npm run worker` processes run them. */
    SYNC_QUEUE_IN_WEB: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
    /** Requests per second one process sends with one Wonde token (every school of a trust shares it). */
    WONDE_REQUESTS_PER_SECOND: z.coerce.number().positive().default(10),
    /** Resend; unset → emails go to the in-app dev outbox (development), or production refuses to start. */
    RESEND_API_KEY: z.string().optional(),
    /** "log": send no email at all, only log that one was due (production without Resend, deliberately). */
    EMAIL_TRANSPORT: z.enum(["resend", "log"], "must be resend or log").optional(),
    RESEND_BASE_URL: z.url().optional(),
    EMAIL_FROM: z.string().default("Staffroom <no-reply@staffroom.local>"),
    /** Resend webhook signing secret (whsec_…): delivery status of incident notifications. Unset → the webhook refuses every call. */
    RESEND_WEBHOOK_SECRET: z.string().startsWith("whsec_", "must be the whsec_… signing secret from Resend").optional(),
    /** The app's public URL, for links in emails; unset → AUTH_URL, or outside production the origin the server listens on. */
    APP_URL: z.url().optional(),
    AUTH_URL: z.url().optional(),
    /** Google sign-in: both set → the "Sign in with Google" button appears. */
    AUTH_GOOGLE_ID: z.string().optional(),
    AUTH_GOOGLE_SECRET: z.string().optional(),
    /** Only for tests against a local OIDC server; unset → https://accounts.google.com. */
    AUTH_GOOGLE_ISSUER: z.url().optional(),
    /** Microsoft (Entra ID) sign-in: both set → the "Sign in with Microsoft" button appears. */
    AUTH_MICROSOFT_ENTRA_ID_ID: z.string().optional(),
    AUTH_MICROSOFT_ENTRA_ID_SECRET: z.string().optional(),
    /** https://login.microsoftonline.com/<tenant id>/v2.0 for one tenant; unset → .../common/v2.0 (any work or school account). */
    AUTH_MICROSOFT_ENTRA_ID_ISSUER: z.url().optional(),
  });
  if (!production) return schema;
  return schema.superRefine((value, ctx) => {
    if (!value.DATABASE_URL)
      ctx.addIssue({ code: "custom", path: ["DATABASE_URL"], message: "is required in production (the embedded database is for development only)" });
    if (!value.RESEND_API_KEY && value.EMAIL_TRANSPORT !== "log")
      ctx.addIssue({ code: "custom", path: ["RESEND_API_KEY"], message: "is required in production to send email; set EMAIL_TRANSPORT=log to run deliberately without email" });
    if (value.EMAIL_TRANSPORT === "resend" && !value.RESEND_API_KEY)
      ctx.addIssue({ code: "custom", path: ["RESEND_API_KEY"], message: "is required with EMAIL_TRANSPORT=resend" });
  });
}

export type Env = z.infer<ReturnType<typeof buildSchema>>;

/** One message naming each missing or bad variable. */
export function describeEnvErrors(error: z.ZodError): string {
  const lines = error.issues.map((issue) => {
    const name = issue.path.join(".") || "(environment)";
    const missing = issue.code === "invalid_type" && issue.input === undefined;
    return `  - ${name} ${missing ? "is required" : issue.message}`;
  });
  return `Staffroom cannot start; fix these environment variables:\n${lines.join("\n")}`;
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // `next build` imports server modules with NODE_ENV=production but serves
  // nothing: the real check happens when the server starts.
  const production = source.NODE_ENV === "production" && source.NEXT_PHASE !== "phase-production-build";
  // Empty strings (as .env files write them) mean "unset".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = buildSchema(production).safeParse(cleaned);
  if (!result.success) throw new Error(describeEnvErrors(result.error));
  return result.data;
}

/** Where email goes: Resend, the dev outbox table (development only), or nowhere but the log. */
export function emailTransport(config: Pick<Env, "NODE_ENV" | "RESEND_API_KEY" | "EMAIL_TRANSPORT">): "resend" | "outbox" | "log" {
  if (config.EMAIL_TRANSPORT === "log") return "log";
  if (config.RESEND_API_KEY) return "resend";
  return config.NODE_ENV === "production" ? "log" : "outbox";
}

export const env: Env = parseEnv(process.env);

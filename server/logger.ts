import pino from "pino";
import pretty from "pino-pretty";

// The server's one logger: JSON lines in production (for a log collector), readable
// lines in development, quiet under tests unless LOG_LEVEL asks otherwise.
const nodeEnv = process.env.NODE_ENV ?? "development";
const level = process.env.LOG_LEVEL ?? (nodeEnv === "test" ? "silent" : "info");

export const logger = nodeEnv === "development" ? pino({ level }, pretty({ colorize: true, sync: true })) : pino({ level });

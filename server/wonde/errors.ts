/**
 * Typed Wonde errors. `message` is for logs (endpoint, status, detail; never the
 * token); `userMessage` is plain English a school admin can act on.
 */

export interface WondeErrorDetails {
  /** Logical endpoint, e.g. "schools/A123/students". */
  endpoint?: string | undefined;
  /** Full request URL (carries no secret: the token travels in a header). */
  url?: string | undefined;
  status?: number | undefined;
  /** How many HTTP attempts were made before giving up. */
  attempts?: number | undefined;
  cause?: unknown;
}

export class WondeError extends Error {
  readonly userMessage: string;
  readonly endpoint: string | undefined;
  readonly url: string | undefined;
  readonly status: number | undefined;
  attempts: number | undefined;

  constructor(message: string, userMessage: string, details: WondeErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.userMessage = userMessage;
    this.endpoint = details.endpoint;
    this.url = details.url;
    this.status = details.status;
    this.attempts = details.attempts;
  }
}

/** 401: the token is wrong, expired or deleted. */
export class WondeAuthError extends WondeError {
  constructor(details: WondeErrorDetails = {}) {
    super(
      `Wonde returned 401 for ${details.endpoint ?? "request"}`,
      "Wonde rejected the token: reconnect the school in Settings.",
      { ...details, status: 401 },
    );
  }
}

/** 403: the school has not approved us, has revoked access, or a scope is missing. */
export class WondeForbiddenError extends WondeError {
  constructor(details: WondeErrorDetails = {}) {
    super(
      `Wonde returned 403 for ${details.endpoint ?? "request"}`,
      "Wonde refused access to this school's data: the school has not approved Staffroom in the " +
        "Wonde portal yet, or has revoked access. Ask a school admin to approve it, then sync again.",
      { ...details, status: 403 },
    );
  }
}

/** 404: unknown school or record (or a school on another regional domain). */
export class WondeNotFoundError extends WondeError {
  constructor(details: WondeErrorDetails = {}) {
    super(
      `Wonde returned 404 for ${details.endpoint ?? "request"}`,
      "Wonde has no such school or record. It may have been removed from the MIS, or the school " +
        "is served from another Wonde region: reconnect the school in Settings.",
      { ...details, status: 404 },
    );
  }
}

/** 422: Wonde rejected our parameters; `errors` is its parsed JSON body. */
export class WondeValidationError extends WondeError {
  readonly errors: unknown;
  constructor(errors: unknown, details: WondeErrorDetails = {}) {
    super(
      `Wonde returned 422 for ${details.endpoint ?? "request"}: ${truncate(JSON.stringify(errors) ?? "")}`,
      "Wonde rejected the request as invalid. This is a Staffroom bug: please report it.",
      { ...details, status: 422 },
    );
    this.errors = errors;
  }
}

/** 429 that outlasted our retries (or asked us to wait longer than we allow). */
export class WondeRateLimitError extends WondeError {
  readonly retryAfterMs: number | undefined;
  constructor(retryAfterMs: number | undefined, details: WondeErrorDetails = {}) {
    super(
      `Wonde rate-limited ${details.endpoint ?? "request"}` +
        (retryAfterMs === undefined ? "" : ` (Retry-After ${Math.round(retryAfterMs / 1000)}s)`),
      "Wonde is limiting how fast we can read this school's data. The sync will resume later.",
      { ...details, status: 429 },
    );
    this.retryAfterMs = retryAfterMs;
  }
}

/** 5xx after retries. */
export class WondeServerError extends WondeError {
  constructor(details: WondeErrorDetails = {}, body = "") {
    super(
      `Wonde returned ${details.status ?? "5xx"} for ${details.endpoint ?? "request"}` +
        (body ? `: ${truncate(body)}` : ""),
      "Wonde is having problems right now. The sync will be retried later.",
      details,
    );
  }
}

/** Any other unexpected HTTP status (400, 405, …): not retried. */
export class WondeHttpError extends WondeError {
  constructor(details: WondeErrorDetails = {}, body = "") {
    super(
      `Wonde returned unexpected status ${details.status ?? "?"} for ${details.endpoint ?? "request"}` +
        (body ? `: ${truncate(body)}` : ""),
      "Wonde gave an unexpected answer. This is a Staffroom bug: please report it.",
      details,
    );
  }
}

/** Connection refused/reset, DNS failure, timeout or a body cut off mid-way. */
export class WondeNetworkError extends WondeError {
  readonly timedOut: boolean;
  constructor(reason: string, details: WondeErrorDetails & { timedOut?: boolean } = {}) {
    super(
      `Network error talking to Wonde (${details.endpoint ?? "request"}): ${reason}`,
      "Staffroom could not reach Wonde. Check the connection; the sync will be retried later.",
      details,
    );
    this.timedOut = details.timedOut ?? false;
  }
}

/**
 * A response we cannot trust: not JSON, or not a Wonde page at all (no `data` list).
 * Names the endpoint and page. A single unreadable record is not this error: the
 * client quarantines it (see validate.ts) and the rest of the page is read.
 */
export class WondeMalformedResponseError extends WondeError {
  readonly pageNumber: number | undefined;
  readonly fieldPath: string | undefined;
  readonly recordId: string | undefined;
  readonly issues: readonly string[];
  constructor(
    reason: string,
    details: WondeErrorDetails & {
      pageNumber?: number | undefined;
      fieldPath?: string | undefined;
      recordId?: string | undefined;
      issues?: readonly string[];
    } = {},
  ) {
    const where = [
      details.endpoint ?? "request",
      details.pageNumber === undefined ? undefined : `page ${details.pageNumber}`,
      details.fieldPath ? `field ${details.fieldPath}` : undefined,
      details.recordId ? `record ${details.recordId}` : undefined,
    ].filter(Boolean).join(", ");
    super(
      `Malformed Wonde response (${where}): ${reason}`,
      `Wonde sent a response Staffroom could not read (${where}). ` +
        "Please report this if it keeps happening; it usually clears once Wonde or the school's MIS data is corrected.",
      details,
    );
    this.pageNumber = details.pageNumber;
    this.fieldPath = details.fieldPath;
    this.recordId = details.recordId;
    this.issues = details.issues ?? [];
  }
}

function truncate(s: string, max = 500): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

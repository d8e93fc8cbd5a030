/** Public surface of the Wonde client. Import from "@/server/wonde". */
export {
  createWondeClient, collectAll, baseUrlForDomain, DEFAULT_BASE_URL, MAX_PER_PAGE,
  type WondeClient, type WondeClientOptions, type ListOptions, type GetOptions, type Page,
  type ListEndpoint, type StudentInclude, type EmployeeInclude, type ClassInclude, type ContactInclude,
} from "./client";
export {
  WondeError, WondeAuthError, WondeForbiddenError, WondeNotFoundError, WondeValidationError,
  WondeRateLimitError, WondeServerError, WondeHttpError, WondeNetworkError, WondeMalformedResponseError,
} from "./errors";
export type { RetryOptions, RetryEvent } from "./http";
export { formatWondeDateParam, parseWondeInstant, parseWondeDateOnly, wallTimeToInstant } from "./dates";
export { describeMissingScopes, normaliseScope, SCOPES_WE_USE, type MissingScope, type ScopeRequirement } from "./scopes";
export { misCapabilities, describeMisGaps, SUPPORTED_MIS, type MisCapabilities, type StaffData } from "./mis-capabilities";
export { lineManagerIds } from "./hierarchy";
export type * from "./schemas";

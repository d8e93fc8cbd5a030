// Links from the trust dashboard into one school's pages. Client-safe: the dashboard builds them,
// and the /trust/open route (server/trust/open-school.ts) accepts only these pages.

/** The school pages a trust dashboard figure may link to. */
export const SCHOOL_PAGES = ["/", "/staff", "/pupils", "/incidents", "/matching", "/migration", "/activity", "/settings"] as const;

/** "Open this school's page": /trust/open?school=…&to=/incidents?status=OPEN switches school, then opens the page. */
export function schoolPageHref(schoolId: string, to: string): string {
  return `/trust/open?${new URLSearchParams({ school: schoolId, to })}`;
}

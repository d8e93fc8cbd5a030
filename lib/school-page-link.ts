// Links from the trust dashboard into one school's pages. Client-safe: the dashboard builds them,
// and the /trust/open route (server/trust/open-school.ts) accepts only these pages.

/** The school pages a trust dashboard figure may link to. */
export const SCHOOL_PAGES = ["/", "/staff", "/pupils", "/incidents", "/matching", "/migration", "/activity", "/settings"] as const;

/** One incident's page: the trust's incident list links into it. */
const INCIDENT_PAGE = /^\/incidents\/[\w-]{1,64}$/;

/** Whether a path is one of the school pages a trust link may open. */
export const isSchoolPage = (pathname: string) => (SCHOOL_PAGES as readonly string[]).includes(pathname) || INCIDENT_PAGE.test(pathname);

/** "Open this school's page": /trust/open?school=…&to=/incidents?status=OPEN switches school, then opens the page. */
export function schoolPageHref(schoolId: string, to: string): string {
  return `/trust/open?${new URLSearchParams({ school: schoolId, to })}`;
}

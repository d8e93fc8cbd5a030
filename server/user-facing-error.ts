/**
 * A refusal a user can cause and fix ("Charlie already has a Google sign-in"):
 * services throw it with plain words; the tRPC layer turns it into a typed error.
 */
export class UserFacingError extends Error {
  constructor(
    readonly code: "BAD_REQUEST" | "NOT_FOUND" | "CONFLICT" | "FORBIDDEN" | "PRECONDITION_FAILED" | "TOO_MANY_REQUESTS",
    message: string,
  ) {
    super(message);
  }
}

import { TRPCError } from "@trpc/server";
import { describe, expect, it, vi } from "vitest";
import { Prisma } from "@/server/generated/prisma/client";
import { logger } from "@/server/logger";
import { UserFacingError } from "@/server/user-facing-error";
import { errorReference, fieldErrorsOf, knownDatabaseError, publicMessage } from "@/server/trpc/errors";
import { InputProblems, inputProblems, MAX_TEXT_LENGTH } from "@/server/trpc/input-guard";
import { userFacing } from "@/server/trpc/user-facing";

// What every tRPC procedure does to input and errors before a caller sees them (written for the
// mutants that survived; see tests/MUTANTS.md). The HTTP path is in tests/security/errors.test.ts.

const prismaError = (code: string) => new Prisma.PrismaClientKnownRequestError(`Unique constraint failed on School_wondeId_key (${code})`, { code, clientVersion: "test" });
const internal = (cause: unknown) => new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "prisma.school.create() failed", cause });

describe("inputProblems", () => {
  it("names each string with control characters or over the length limit by its path", () => {
    const problems = inputProblems({ name: "Ada\u0000", tags: ["ok", "x".repeat(MAX_TEXT_LENGTH + 1)], nested: { note: "fine\ttab\nline\r" } });
    expect(problems).toBeInstanceOf(InputProblems);
    expect(problems!.message).toBe("Some text can't be accepted.");
    expect(problems!.issues.map(({ path, message, code }) => ({ path, message, code }))).toEqual([
      { code: "custom", path: ["name"], message: "Remove the control characters (such as NUL) from this text." },
      { code: "custom", path: ["tags", "1"], message: "Keep this under 10,000 characters." },
    ]);
    expect(problems!.issues[0]!.input).toBe("Ada\u0000");
  });

  it("accepts text of exactly the limit, and anything that is not text", () => {
    expect(MAX_TEXT_LENGTH).toBe(10_000);
    expect(inputProblems({ a: "x".repeat(MAX_TEXT_LENGTH), b: 3, c: null, d: true, e: undefined })).toBeNull();
    expect(inputProblems(undefined)).toBeNull();
    expect(inputProblems("plain")).toBeNull();
    expect(inputProblems("\u0007")!.issues[0]!.path).toEqual([]);
  });

  it("looks 20 levels deep and no further", () => {
    const nest = (levels: number) => {
      let value: unknown = "bad\u0000";
      for (let i = 0; i < levels; i++) value = { k: value };
      return value;
    };
    expect(inputProblems(nest(20))!.issues[0]!.path).toHaveLength(20);
    expect(inputProblems(nest(21))).toBeNull();
  });
});

describe("knownDatabaseError", () => {
  it.each([
    ["P2002", "CONFLICT", "That is already in use. Choose another, or refresh the page."],
    ["P2000", "BAD_REQUEST", "A value is too long."],
    ["P2025", "NOT_FOUND", "That record no longer exists. Refresh the page."],
  ])("answers Prisma's %s as %s in words that name no table", (code, trpcCode, message) => {
    const known = knownDatabaseError(internal(prismaError(code)));
    expect(known).toBeInstanceOf(TRPCError);
    expect({ code: known!.code, message: known!.message }).toEqual({ code: trpcCode, message });
  });

  it("finds the Prisma error however deep in the causes, and ignores other errors", () => {
    expect(knownDatabaseError(internal(new Error("wrapped", { cause: prismaError("P2002") })))?.code).toBe("CONFLICT");
    expect(knownDatabaseError(internal(prismaError("P2003")))).toBeNull();
    expect(knownDatabaseError(internal(new Error("P2002")))).toBeNull();
    expect(knownDatabaseError(internal(undefined))).toBeNull();
    expect(knownDatabaseError(new TRPCError({ code: "BAD_REQUEST", message: "no", cause: prismaError("P2002") }))).toBeNull();
  });
});

describe("publicMessage and fieldErrorsOf", () => {
  it("keeps a message meant for the caller, and masks anything else behind a logged reference", () => {
    expect(publicMessage(new TRPCError({ code: "FORBIDDEN", message: "Not yours." }), "x")).toBe("Not yours.");
    const logged = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    const cause = new Error("connection refused to 10.0.0.5");
    const masked = publicMessage(internal(cause), "schools.list");
    const ref = /^Something went wrong \(ref ([2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4})\)\. Please try again; if it keeps happening, quote the reference\.$/.exec(masked)?.[1];
    expect(ref).toBeDefined();
    expect(logged).toHaveBeenCalledWith({ ref, path: "schools.list", err: cause }, "Unexpected error in a tRPC procedure");
    const bare = internal(undefined);
    publicMessage(bare, undefined);
    expect(logged).toHaveBeenLastCalledWith(expect.objectContaining({ err: bare }), "Unexpected error in a tRPC procedure");
    logged.mockRestore();
  });

  it("keeps a validation error's message and turns its issues into field errors", () => {
    const issues = [{ code: "custom", path: ["name"], message: "Too short", input: "" }];
    const error = new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "invalid", cause: Object.assign(new Error("zod"), { issues }) });
    expect(publicMessage(error, "x")).toBe("invalid");
    expect(fieldErrorsOf(error)).toEqual({ name: ["Too short"] });
    expect(fieldErrorsOf(new TRPCError({ code: "BAD_REQUEST", message: "no" }))).toBeNull();
    expect(fieldErrorsOf(new TRPCError({ code: "BAD_REQUEST", message: "no", cause: Object.assign(new Error("x"), { issues: "not a list" }) }))).toBeNull();
  });

  it("makes references of two groups of four unambiguous characters, different each time", () => {
    const refs = new Set(Array.from({ length: 50 }, () => errorReference()));
    for (const ref of refs) expect(ref).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    expect(refs.size).toBeGreaterThan(45);
  });
});

describe("userFacing", () => {
  it("turns a UserFacingError into the tRPC error of its code, message kept, and lets others through", async () => {
    const refusal = new UserFacingError("CONFLICT", "Charlie already has a Google sign-in.");
    const error = await userFacing(() => Promise.reject(refusal)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect(error).toMatchObject({ code: "CONFLICT", message: "Charlie already has a Google sign-in.", cause: refusal });
    const other = new Error("boom");
    await expect(userFacing(() => Promise.reject(other))).rejects.toBe(other);
    await expect(userFacing(() => Promise.resolve(7))).resolves.toBe(7);
  });
});

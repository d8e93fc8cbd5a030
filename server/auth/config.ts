import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { PrismaAdapter } from "@auth/prisma-adapter";
import type { Adapter } from "next-auth/adapters";
import { z } from "zod";
import { db } from "../db";
import { refreshStaffOnSignIn } from "../sync/refresh-on-sign-in";
import { env } from "../env";
import { checkPupilSignIn, PUPIL_PROVIDER } from "../accounts/sign-in-provider";
import { checkPasswordSignIn } from "./credentials";
import { ssoAuthProviders } from "./providers";
import { safeRedirect } from "./redirect";
import { endSession, SESSION_MAX_AGE_S, sessionIsActive, sessionKeyOf, startSession } from "./sessions";
import { decideSsoSignIn, identityFromProvider, logSsoSignIn } from "./sso";
import { logger } from "../logger";

declare module "next-auth" {
  interface Session {
    /** When this browser signed in (ISO): "Signed in on …" in the account menu. */
    signedInAt?: string;
    /** This browser's Session row (server/auth/sessions.ts), for checks tied to it such as re-authentication. */
    sessionKey?: string;
  }
}

/** The browser signing in, for "Signed in on …"; absent outside a request. */
async function requestUserAgent(): Promise<string | null> {
  try {
    const { headers } = await import("next/headers");
    return (await headers()).get("user-agent");
  } catch {
    return null;
  }
}

/** Lets the sign-in page say "try again later" without saying whether the account exists. */
class TooManyAttempts extends CredentialsSignin {
  code = "locked";
}

const credentialsInput = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1024) });

const providers: NextAuthConfig["providers"] = [
  Credentials({
    id: "credentials",
    name: "Email and password",
    credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
    async authorize(raw) {
      const parsed = credentialsInput.safeParse(raw);
      if (!parsed.success) return null;
      const result = await checkPasswordSignIn(db, parsed.data);
      if (result.ok) return result.user;
      if (result.reason === "locked") throw new TooManyAttempts();
      return null;
    },
  }),
  // Pupils: username + password, a badge's secret, or a picture password on a shared device.
  Credentials({
    id: PUPIL_PROVIDER,
    name: "Pupil",
    credentials: { method: {}, username: {}, password: {}, secret: {}, personId: {}, pictures: {} },
    async authorize(raw, request) {
      const result = await checkPupilSignIn(db, raw, request.headers.get("cookie"));
      if (result.ok) return result.user;
      if (result.reason === "locked") throw new TooManyAttempts();
      return null;
    },
  }),
  ...ssoAuthProviders(),
];

/**
 * Auth.js's Prisma adapter, except that a sign-in can never create an account
 * or link an identity by itself: accounts come from the MIS sync and
 * identities are linked by the signIn callback below (or an admin). If a path
 * we did not foresee reached these, it fails instead of letting a stranger in.
 */
function adapterWithoutSelfRegistration(): Adapter {
  const base = PrismaAdapter(db as never);
  return {
    ...base,
    createUser: () => {
      throw new Error("Staffroom does not create accounts at sign-in.");
    },
    linkAccount: () => {
      throw new Error("Staffroom links sign-in identities only through User Matching.");
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  adapter: adapterWithoutSelfRegistration(),
  // Credentials sign-in only works with JWT sessions; each names a Session row, and the jwt
  // callback below checks that row and the account on every request (server/auth/sessions.ts).
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  secret: env.AUTH_SECRET,
  trustHost: true,
  // Secure cookies whenever the public address is https, even behind a proxy speaking http.
  ...(env.AUTH_URL ? { useSecureCookies: env.AUTH_URL.startsWith("https:") } : {}),
  providers,
  pages: { signIn: "/sign-in", error: "/sign-in" },
  // A wrong password is routine (and already in the activity log), not a server error.
  events: {
    // This browser's session ends; the user's others carry on.
    async signOut(message) {
      const sessionId = "token" in message ? message.token?.sid : undefined;
      if (typeof sessionId === "string") await endSession(db, sessionId);
    },
    async signIn({ user, account }) {
      // Password sign-ins are logged by checkPasswordSignIn, with the failures.
      if (account && account.type !== "credentials" && user.id) await logSsoSignIn(db, user.id, account.provider);
      // As iP Suite does: refresh a staff member's own record from the MIS at each sign-in,
      // in the background, so a slow or unreachable Wonde never delays signing in.
      if (user.id && account?.provider !== PUPIL_PROVIDER) void refreshStaffOnSignIn(db, user.id);
    },
  },
  logger: {
    error(error) {
      if (error instanceof CredentialsSignin) return;
      logger.error({ err: error }, "Auth.js error");
    },
  },
  callbacks: {
    redirect: ({ url, baseUrl }) => safeRedirect(url, baseUrl),
    // Google/Microsoft: only identities linked (or matched now) to an active account.
    async signIn({ account, profile }) {
      if (!account || account.type === "credentials") return true;
      const decision = await decideSsoSignIn(db, identityFromProvider(account, profile));
      if (decision.ok) return true;
      return `/sign-in/not-linked?${new URLSearchParams({ provider: account.provider, ...(decision.lite ? { reason: "lite" } : {}) })}`;
    },
    async jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.sid = await startSession(db, user.id, await requestUserAgent());
        token.signedInAt = new Date().toISOString();
      }
      // A revoked session, or a leaver (disabled, or archived in the MIS), is signed out on its next request.
      if (!token.sub || typeof token.sid !== "string" || !(await sessionIsActive(db, token.sub, token.sid))) return null;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      if (typeof token.signedInAt === "string") session.signedInAt = token.signedInAt;
      if (typeof token.sid === "string") session.sessionKey = sessionKeyOf(token.sid);
      return session;
    },
  },
});

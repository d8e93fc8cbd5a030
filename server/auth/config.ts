import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { z } from "zod";
import { db } from "../db";
import { env } from "../env";
import { checkPasswordSignIn } from "./credentials";

/** Lets the sign-in page say "try again later" without saying whether the account exists. */
class TooManyAttempts extends CredentialsSignin {
  code = "locked";
}

const credentialsInput = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1024) });

// SSO providers (Google, Microsoft) join this list in their own change.
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
];

export const { handlers, auth, signIn, signOut } = NextAuth({
  adapter: PrismaAdapter(db as never),
  // Credentials sign-in only works with JWT sessions; the jwt callback below
  // re-checks the account on every request so disabled users are signed out.
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  secret: env.AUTH_SECRET,
  trustHost: true,
  providers,
  pages: { signIn: "/sign-in", error: "/sign-in" },
  // A wrong password is routine (and already in the activity log), not a server error.
  logger: {
    error(error) {
      if (error instanceof CredentialsSignin) return;
      console.error(error);
    },
  },
  callbacks: {
    async jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      if (!token.sub) return null;
      const account = await db.user.findUnique({ where: { id: token.sub }, select: { disabledAt: true } });
      if (!account || account.disabledAt) return null;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
});

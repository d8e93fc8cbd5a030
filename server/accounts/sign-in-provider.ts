import { z } from "zod";
import { DEVICE_COOKIE, SHARED_DEVICE_COOKIE } from "@/lib/pupil-device-cookies";
import type { Db } from "../db";
import { checkPupilBadge, checkPupilPassword, checkPupilPicture, type PupilSignInResult } from "./sign-in";

/** Auth.js's id for the pupils' Credentials provider (server/auth/config.ts). */
export const PUPIL_PROVIDER = "pupil";

const input = z.discriminatedUnion("method", [
  z.object({ method: z.literal("password"), username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) }),
  z.object({ method: z.literal("badge"), secret: z.string().min(1).max(200) }),
  z.object({ method: z.literal("picture"), personId: z.string().min(1).max(100), pictures: z.string().regex(/^\d{1,2}(-\d{1,2}){3}$/) }),
]);

export function cookieValue(cookieHeader: string | null, name: string): string | undefined {
  for (const part of cookieHeader?.split(";") ?? []) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return undefined;
}

/** Reads what the pupil sign-in forms post (and the browser's device cookies) and checks it. */
export async function checkPupilSignIn(db: Db, raw: unknown, cookieHeader: string | null): Promise<PupilSignInResult> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  // Without the cookie every such browser shares one device count: a script can't dodge it by dropping cookies.
  const device = cookieValue(cookieHeader, DEVICE_COOKIE)?.slice(0, 64) || "no-device-cookie";
  const data = parsed.data;
  if (data.method === "password") return checkPupilPassword(db, { username: data.username, password: data.password, device });
  if (data.method === "badge") return checkPupilBadge(db, { secret: data.secret, device });
  return checkPupilPicture(db, { deviceToken: cookieValue(cookieHeader, SHARED_DEVICE_COOKIE), personId: data.personId, sequence: data.pictures.split("-").map(Number) });
}

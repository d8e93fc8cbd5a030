import type { Db } from "../db";
import { asTrustRole, type TrustRole } from "../schools/access";

export type TrustAccess = { trustId: string; trustName: string; role: TrustRole };

/** The trust the user works across and their role in it, or null for everyone else (school admins and staff). */
export async function trustAccessFor(db: Db, userId: string): Promise<TrustAccess | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { disabledAt: true, trustRole: true, trust: { select: { id: true, name: true } } } });
  const role = user && asTrustRole(user.trustRole);
  if (!user?.trust || user.disabledAt || !role) return null;
  return { trustId: user.trust.id, trustName: user.trust.name, role };
}

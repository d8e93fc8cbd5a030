import type { Metadata } from "next";
import { cookies } from "next/headers";
import { AuthCard } from "@/components/auth/auth-card";
import { PicturePassword } from "@/components/pupil-sign-in/picture-password";
import { SHARED_DEVICE_COOKIE } from "@/lib/pupil-device-cookies";
import { PICTURE_GRID } from "@/server/accounts/secrets";
import { sharedDeviceClasses, sharedDevicePupils } from "@/server/accounts/shared-device";
import { sharedDeviceFor } from "@/server/accounts/sign-in";
import { db } from "@/server/db";

export const metadata: Metadata = { title: "Sign in with pictures" };

const tile = "flex h-14 items-center justify-center rounded-md border px-3 text-base font-medium hover:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring";

// Shared-device sign-in: class → name → picture password. Only on a device staff set up, so the
// picture password (16⁴ sequences) is never the only thing between a stranger and an account.
export default async function SharedDeviceSignInPage({ searchParams }: { searchParams: Promise<{ class?: string }> }) {
  const device = await sharedDeviceFor(db, (await cookies()).get(SHARED_DEVICE_COOKIE)?.value);
  if (!device)
    return (
      <AuthCard title="Sign in with pictures" description="This device isn't set up for picture sign-in.">
        <p>Ask your teacher to help you.</p>
        <p className="mt-4 text-center text-sm">
          <a href="/sign-in/pupil" className="underline underline-offset-4">
            Other ways to sign in
          </a>
        </p>
      </AuthCard>
    );
  const classId = (await searchParams).class;
  const classes = await sharedDeviceClasses(db, device.schoolId);
  const chosen = classes.find((c) => c.id === classId);
  if (!chosen)
    return (
      <AuthCard title="Sign in with pictures" description="Choose your class.">
        <ul className="grid grid-cols-2 gap-2" aria-label="Classes">
          {classes.map((c) => (
            <li key={c.id}>
              <a href={`/sign-in/pupil/shared?class=${encodeURIComponent(c.id)}`} className={tile}>
                {c.name}
              </a>
            </li>
          ))}
        </ul>
        {classes.length === 0 && <p>No class signs in with pictures yet. Ask your teacher.</p>}
      </AuthCard>
    );
  return (
    <AuthCard title={chosen.name} description="Choose your name.">
      <div className="grid gap-4">
        <PicturePassword pupils={await sharedDevicePupils(db, device.schoolId, chosen.id)} grid={PICTURE_GRID} />
        <p className="text-center text-sm">
          <a href="/sign-in/pupil/shared" className="underline underline-offset-4">
            Choose a different class
          </a>
        </p>
      </div>
    </AuthCard>
  );
}

// `npm run keys:rotate`: a new signing key for the OpenID Connect provider. The old key stays in the
// JWKS (still verifying what it signed) for the overlap; every running instance picks the new key
// up on its next /oidc request. Uses DATABASE_URL (or the embedded database) and ENCRYPTION_KEY.
import { createDb } from "../server/db";
import { KEY_OVERLAP_MS, rotateSigningKeys } from "../server/oidc/keys";

const db = createDb();
try {
  const { current, retired } = await rotateSigningKeys(db);
  console.log(`Signing key ${current} is now current.`);
  if (retired) console.log(`Key ${retired} keeps verifying for ${KEY_OVERLAP_MS / 3600_000} hours, then leaves the JWKS.`);
} catch (error) {
  console.error(`keys:rotate: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}

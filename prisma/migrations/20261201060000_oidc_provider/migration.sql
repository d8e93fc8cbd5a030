-- AlterTable
ALTER TABLE "LauncherApp" ADD COLUMN     "oidcClientId" TEXT;

-- CreateTable
CREATE TABLE "OidcClient" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT,
    "trustId" TEXT,
    "name" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "redirectUris" TEXT[],
    "postLogoutRedirectUris" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "backchannelLogoutUri" TEXT,
    "initiateLoginUri" TEXT,
    "scopes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "pairwiseSubject" BOOLEAN NOT NULL DEFAULT false,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OidcClient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OidcPayload" (
    "model" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "grantId" TEXT,
    "uid" TEXT,
    "accountId" TEXT,
    "expiresAt" TIMESTAMP(3),
    "consumedAt" TIMESTAMP(3),

    CONSTRAINT "OidcPayload_pkey" PRIMARY KEY ("model","id")
);

-- CreateTable
CREATE TABLE "OidcSigningKey" (
    "kid" TEXT NOT NULL,
    "sealedJwk" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),
    "overlapEndsAt" TIMESTAMP(3),

    CONSTRAINT "OidcSigningKey_pkey" PRIMARY KEY ("kid")
);

-- CreateIndex
CREATE INDEX "OidcClient_schoolId_idx" ON "OidcClient"("schoolId");

-- CreateIndex
CREATE INDEX "OidcClient_trustId_idx" ON "OidcClient"("trustId");

-- CreateIndex
CREATE INDEX "OidcPayload_grantId_idx" ON "OidcPayload"("grantId");

-- CreateIndex
CREATE INDEX "OidcPayload_uid_idx" ON "OidcPayload"("uid");

-- CreateIndex
CREATE INDEX "OidcPayload_model_accountId_idx" ON "OidcPayload"("model", "accountId");

-- CreateIndex
CREATE INDEX "OidcPayload_expiresAt_idx" ON "OidcPayload"("expiresAt");

-- CreateIndex
CREATE INDEX "LauncherApp_oidcClientId_idx" ON "LauncherApp"("oidcClientId");

-- AddForeignKey
ALTER TABLE "LauncherApp" ADD CONSTRAINT "LauncherApp_oidcClientId_fkey" FOREIGN KEY ("oidcClientId") REFERENCES "OidcClient"("id") ON DELETE SET NULL ON UPDATE CASCADE;



-- One current signing key at a time: two instances starting together can't both create one.
CREATE UNIQUE INDEX "OidcSigningKey_one_current" ON "OidcSigningKey" ((true)) WHERE "retiredAt" IS NULL;

-- Staffroom Lite: a per-school switch that turns off Google/Microsoft sign-in and User Matching.
ALTER TABLE "School" ADD COLUMN "liteMode" BOOLEAN NOT NULL DEFAULT false;

-- The launcher's tiles and their launches (server/apps).
CREATE TABLE "LauncherApp" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "icon" TEXT,
    "forStaff" BOOLEAN NOT NULL DEFAULT true,
    "forPupils" BOOLEAN NOT NULL DEFAULT false,
    "yearGroups" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "classIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "LauncherApp_pkey" PRIMARY KEY ("id"),
    -- Defence in depth behind the router's check: a tile never opens anything but http(s).
    CONSTRAINT "LauncherApp_url_http" CHECK ("url" ~* '^https?://')
);
CREATE INDEX "LauncherApp_schoolId_archivedAt_idx" ON "LauncherApp"("schoolId", "archivedAt");
ALTER TABLE "LauncherApp" ADD CONSTRAINT "LauncherApp_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "AppLaunch" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "appId" TEXT,
    "area" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AppLaunch_pkey" PRIMARY KEY ("id"),
    -- Exactly one of: an app, or one of Staffroom's own areas.
    CONSTRAINT "AppLaunch_one_tile" CHECK (("appId" IS NULL) <> ("area" IS NULL))
);
CREATE INDEX "AppLaunch_schoolId_userId_idx" ON "AppLaunch"("schoolId", "userId");
CREATE INDEX "AppLaunch_schoolId_at_idx" ON "AppLaunch"("schoolId", "at");
ALTER TABLE "AppLaunch" ADD CONSTRAINT "AppLaunch_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "AppLaunch" ADD CONSTRAINT "AppLaunch_appId_fkey" FOREIGN KEY ("appId") REFERENCES "LauncherApp"("id") ON DELETE SET NULL ON UPDATE CASCADE;

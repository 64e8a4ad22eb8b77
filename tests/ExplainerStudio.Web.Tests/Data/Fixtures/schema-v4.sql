-- Schema version 4 of the studio database, as StudioDatabase created it (EF EnsureCreated) before migrations.
-- Kept so that SchemaUpgradeTests can upgrade a real previous-schema database. Never edit.
CREATE TABLE IF NOT EXISTS "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);
CREATE TABLE IF NOT EXISTS "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" INTEGER NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS "Projects" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Projects" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "FrameRate" INTEGER NOT NULL,
    "Width" INTEGER NOT NULL,
    "Height" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "Characters" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Characters" PRIMARY KEY AUTOINCREMENT,
    "ProjectId" INTEGER NOT NULL,
    "Name" TEXT COLLATE NOCASE NOT NULL,
    "Description" TEXT NOT NULL,
    "Voice" TEXT NOT NULL,
    "Pitch" INTEGER NOT NULL,
    "Rate" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Characters_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "ExportJobs" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ExportJobs" PRIMARY KEY AUTOINCREMENT,
    "ProjectId" INTEGER NOT NULL,
    "RequestedById" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Resolution" TEXT NOT NULL,
    "Aspect" TEXT NOT NULL,
    "Fit" TEXT NOT NULL,
    "Subtitles" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "FinishedAt" INTEGER NULL,
    "Progress" REAL NOT NULL,
    "DurationSeconds" REAL NOT NULL,
    "SizeBytes" INTEGER NOT NULL,
    "FilePath" TEXT NULL,
    "Error" TEXT NULL,
    CONSTRAINT "FK_ExportJobs_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "ProjectMembers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ProjectMembers" PRIMARY KEY AUTOINCREMENT,
    "ProjectId" INTEGER NOT NULL,
    "UserId" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "AddedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_ProjectMembers_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ProjectMembers_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "Scenes" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Scenes" PRIMARY KEY AUTOINCREMENT,
    "ProjectId" INTEGER NOT NULL,
    "Position" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Scenes_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "TimelineMusic" (
    "ProjectId" INTEGER NOT NULL CONSTRAINT "PK_TimelineMusic" PRIMARY KEY,
    "FilePath" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "Sha256" TEXT NOT NULL,
    "DurationSeconds" REAL NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_TimelineMusic_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "ReferenceSets" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ReferenceSets" PRIMARY KEY AUTOINCREMENT,
    "CharacterId" INTEGER NOT NULL,
    "Number" INTEGER NOT NULL,
    "IsLocked" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "LockedAt" INTEGER NULL,
    "LockedByUserId" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_ReferenceSets_Characters_CharacterId" FOREIGN KEY ("CharacterId") REFERENCES "Characters" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "Shots" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Shots" PRIMARY KEY AUTOINCREMENT,
    "SceneId" INTEGER NOT NULL,
    "Position" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "Prompt" TEXT NOT NULL,
    "NegativePrompt" TEXT NOT NULL,
    "CameraMove" TEXT NOT NULL,
    "DurationSeconds" REAL NOT NULL,
    "Seed" INTEGER NOT NULL,
    "ModelPack" TEXT NOT NULL,
    "Scheduler" TEXT NOT NULL,
    "Steps" INTEGER NOT NULL,
    "Guidance" REAL NOT NULL,
    "ReferenceStrength" REAL NOT NULL,
    "Status" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "DeletedAt" INTEGER NULL,
    "SelectedTakeId" INTEGER NULL,
    CONSTRAINT "FK_Shots_Scenes_SceneId" FOREIGN KEY ("SceneId") REFERENCES "Scenes" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "ReferenceImages" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ReferenceImages" PRIMARY KEY AUTOINCREMENT,
    "ReferenceSetId" INTEGER NOT NULL,
    "Position" INTEGER NOT NULL,
    "StoredName" TEXT NOT NULL,
    "DisplayName" TEXT NOT NULL,
    "Sha256" TEXT NOT NULL,
    "ByteSize" INTEGER NOT NULL,
    "Width" INTEGER NOT NULL,
    "Height" INTEGER NOT NULL,
    "UploadedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_ReferenceImages_ReferenceSets_ReferenceSetId" FOREIGN KEY ("ReferenceSetId") REFERENCES "ReferenceSets" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "DialogueLines" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DialogueLines" PRIMARY KEY AUTOINCREMENT,
    "ShotId" INTEGER NOT NULL,
    "Position" INTEGER NOT NULL,
    "CharacterId" INTEGER NOT NULL,
    "Text" TEXT NOT NULL,
    CONSTRAINT "FK_DialogueLines_Characters_CharacterId" FOREIGN KEY ("CharacterId") REFERENCES "Characters" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_DialogueLines_Shots_ShotId" FOREIGN KEY ("ShotId") REFERENCES "Shots" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "RenderJobs" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RenderJobs" PRIMARY KEY AUTOINCREMENT,
    "ProjectId" INTEGER NOT NULL,
    "ShotId" INTEGER NOT NULL,
    "Scope" TEXT NOT NULL,
    "Priority" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "RequestedByUserId" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "QueuedAt" INTEGER NOT NULL,
    "StartedAt" INTEGER NULL,
    "FinishedAt" INTEGER NULL,
    "CancelRequested" INTEGER NOT NULL,
    "Step" INTEGER NOT NULL,
    "TotalSteps" INTEGER NOT NULL,
    "Phase" TEXT NULL,
    "Error" TEXT NULL,
    "SeedMode" TEXT NOT NULL,
    "InputsJson" TEXT NOT NULL,
    "ReproducesTakeId" INTEGER NULL,
    "TakeId" INTEGER NULL,
    CONSTRAINT "FK_RenderJobs_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_RenderJobs_Shots_ShotId" FOREIGN KEY ("ShotId") REFERENCES "Shots" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "ShotCharacters" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ShotCharacters" PRIMARY KEY AUTOINCREMENT,
    "ShotId" INTEGER NOT NULL,
    "CharacterId" INTEGER NOT NULL,
    "X" REAL NOT NULL,
    "Y" REAL NOT NULL,
    "Scale" REAL NOT NULL,
    "ZOrder" INTEGER NOT NULL,
    "ReferenceSetId" INTEGER NULL,
    CONSTRAINT "FK_ShotCharacters_Characters_CharacterId" FOREIGN KEY ("CharacterId") REFERENCES "Characters" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ShotCharacters_ReferenceSets_ReferenceSetId" FOREIGN KEY ("ReferenceSetId") REFERENCES "ReferenceSets" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_ShotCharacters_Shots_ShotId" FOREIGN KEY ("ShotId") REFERENCES "Shots" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "Takes" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Takes" PRIMARY KEY AUTOINCREMENT,
    "JobId" INTEGER NOT NULL,
    "ProjectId" INTEGER NOT NULL,
    "ShotId" INTEGER NOT NULL,
    "KeyframePath" TEXT NOT NULL,
    "KeyframeSha256" TEXT NOT NULL,
    "ClipPath" TEXT NOT NULL,
    "ClipSha256" TEXT NOT NULL,
    "ClipBytes" INTEGER NOT NULL,
    "Width" INTEGER NOT NULL,
    "Height" INTEGER NOT NULL,
    "FrameRate" INTEGER NOT NULL,
    "FrameCount" INTEGER NOT NULL,
    "PackId" TEXT NOT NULL,
    "PackHash" TEXT NOT NULL,
    "Seed" INTEGER NOT NULL,
    "Scheduler" TEXT NOT NULL,
    "Steps" INTEGER NOT NULL,
    "StepsRun" INTEGER NOT NULL,
    "Guidance" REAL NOT NULL,
    "Strength" REAL NOT NULL,
    "ExecutionProvider" TEXT NOT NULL,
    "AppVersion" TEXT NOT NULL,
    "ReferencesJson" TEXT NOT NULL,
    "InputsJson" TEXT NOT NULL,
    "KeyframeMilliseconds" REAL NOT NULL,
    "FramesMilliseconds" REAL NOT NULL,
    "EncodeMilliseconds" REAL NOT NULL,
    "TotalMilliseconds" REAL NOT NULL,
    "CreatedByUserId" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ReproducesTakeId" INTEGER NULL,
    "ReproductionResult" TEXT NULL,
    CONSTRAINT "FK_Takes_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Takes_Shots_ShotId" FOREIGN KEY ("ShotId") REFERENCES "Shots" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "TimelineCuts" (
    "ShotId" INTEGER NOT NULL CONSTRAINT "PK_TimelineCuts" PRIMARY KEY,
    "IsDurationPinned" INTEGER NOT NULL,
    "Transition" TEXT NOT NULL,
    "TransitionSeconds" REAL NOT NULL,
    "TrimInSeconds" REAL NOT NULL,
    "TrimOutSeconds" REAL NULL,
    CONSTRAINT "FK_TimelineCuts_Shots_ShotId" FOREIGN KEY ("ShotId") REFERENCES "Shots" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "ReferenceImageContents" (
    "ReferenceImageId" INTEGER NOT NULL CONSTRAINT "PK_ReferenceImageContents" PRIMARY KEY,
    "Png" BLOB NOT NULL,
    "ThumbnailPng" BLOB NOT NULL,
    CONSTRAINT "FK_ReferenceImageContents_ReferenceImages_ReferenceImageId" FOREIGN KEY ("ReferenceImageId") REFERENCES "ReferenceImages" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "DialogueAudio" (
    "DialogueLineId" INTEGER NOT NULL CONSTRAINT "PK_DialogueAudio" PRIMARY KEY,
    "Source" TEXT NOT NULL,
    "FilePath" TEXT NOT NULL,
    "Sha256" TEXT NOT NULL,
    "DurationSeconds" REAL NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_DialogueAudio_DialogueLines_DialogueLineId" FOREIGN KEY ("DialogueLineId") REFERENCES "DialogueLines" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");
CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");
CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");
CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");
CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");
CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");
CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");
CREATE UNIQUE INDEX "IX_Characters_ProjectId_Name" ON "Characters" ("ProjectId", "Name");
CREATE INDEX "IX_DialogueLines_CharacterId" ON "DialogueLines" ("CharacterId");
CREATE INDEX "IX_DialogueLines_ShotId_Position" ON "DialogueLines" ("ShotId", "Position");
CREATE INDEX "IX_ExportJobs_ProjectId_CreatedAt" ON "ExportJobs" ("ProjectId", "CreatedAt");
CREATE UNIQUE INDEX "IX_ProjectMembers_ProjectId_UserId" ON "ProjectMembers" ("ProjectId", "UserId");
CREATE INDEX "IX_ProjectMembers_UserId" ON "ProjectMembers" ("UserId");
CREATE INDEX "IX_ReferenceImages_ReferenceSetId_Position" ON "ReferenceImages" ("ReferenceSetId", "Position");
CREATE UNIQUE INDEX "IX_ReferenceSets_CharacterId_Number" ON "ReferenceSets" ("CharacterId", "Number");
CREATE INDEX "IX_RenderJobs_ProjectId_ShotId" ON "RenderJobs" ("ProjectId", "ShotId");
CREATE INDEX "IX_RenderJobs_ShotId" ON "RenderJobs" ("ShotId");
CREATE INDEX "IX_RenderJobs_Status_Priority_QueuedAt" ON "RenderJobs" ("Status", "Priority", "QueuedAt");
CREATE INDEX "IX_Scenes_ProjectId_Position" ON "Scenes" ("ProjectId", "Position");
CREATE INDEX "IX_ShotCharacters_CharacterId" ON "ShotCharacters" ("CharacterId");
CREATE INDEX "IX_ShotCharacters_ReferenceSetId" ON "ShotCharacters" ("ReferenceSetId");
CREATE UNIQUE INDEX "IX_ShotCharacters_ShotId_CharacterId" ON "ShotCharacters" ("ShotId", "CharacterId");
CREATE INDEX "IX_Shots_SceneId_Position" ON "Shots" ("SceneId", "Position");
CREATE UNIQUE INDEX "IX_Takes_JobId" ON "Takes" ("JobId");
CREATE INDEX "IX_Takes_ProjectId" ON "Takes" ("ProjectId");
CREATE INDEX "IX_Takes_ShotId_CreatedAt" ON "Takes" ("ShotId", "CreatedAt");
PRAGMA user_version = 4;

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ExplainerStudio.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ConsistencyScores : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CutSeams",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    BeforeTakeId = table.Column<int>(type: "INTEGER", nullable: false),
                    AfterTakeId = table.Column<int>(type: "INTEGER", nullable: false),
                    MethodVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    ColourDistance = table.Column<double>(type: "REAL", nullable: false),
                    LightnessJump = table.Column<double>(type: "REAL", nullable: false),
                    ScoredAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CutSeams", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CutSeams_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReviewThresholds",
                columns: table => new
                {
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    Drifted = table.Column<double>(type: "REAL", nullable: false),
                    Flickering = table.Column<double>(type: "REAL", nullable: false),
                    Seam = table.Column<double>(type: "REAL", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedByUserId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewThresholds", x => x.ProjectId);
                    table.ForeignKey(
                        name: "FK_ReviewThresholds_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TakeDecisions",
                columns: table => new
                {
                    TakeId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    ShotId = table.Column<int>(type: "INTEGER", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", nullable: false),
                    DecidedByUserId = table.Column<string>(type: "TEXT", nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TakeDecisions", x => x.TakeId);
                    table.ForeignKey(
                        name: "FK_TakeDecisions_Takes_TakeId",
                        column: x => x.TakeId,
                        principalTable: "Takes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TakeRegenerations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    ShotId = table.Column<int>(type: "INTEGER", nullable: false),
                    PreviousTakeId = table.Column<int>(type: "INTEGER", nullable: false),
                    JobId = table.Column<int>(type: "INTEGER", nullable: false),
                    Mode = table.Column<string>(type: "TEXT", nullable: false),
                    Strength = table.Column<double>(type: "REAL", nullable: false),
                    RequestedByUserId = table.Column<string>(type: "TEXT", nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TakeRegenerations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TakeRegenerations_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TakeScores",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TakeId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    ShotId = table.Column<int>(type: "INTEGER", nullable: false),
                    MethodVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    ScoredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    HasEmbeddings = table.Column<bool>(type: "INTEGER", nullable: false),
                    ScoredFrames = table.Column<int>(type: "INTEGER", nullable: false),
                    ScoringMilliseconds = table.Column<double>(type: "REAL", nullable: false),
                    Flicker = table.Column<double>(type: "REAL", nullable: true),
                    FlickerFirstFrame = table.Column<int>(type: "INTEGER", nullable: true),
                    FlickerSecondFrame = table.Column<int>(type: "INTEGER", nullable: true),
                    FlickerDeltaE = table.Column<double>(type: "REAL", nullable: false),
                    FlickerLightnessChange = table.Column<double>(type: "REAL", nullable: false),
                    FirstFramePng = table.Column<byte[]>(type: "BLOB", nullable: false),
                    LastFramePng = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TakeScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TakeScores_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TakeScores_Takes_TakeId",
                        column: x => x.TakeId,
                        principalTable: "Takes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CharacterDrifts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TakeScoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    TakeId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    ShotId = table.Column<int>(type: "INTEGER", nullable: false),
                    CharacterId = table.Column<int>(type: "INTEGER", nullable: false),
                    CharacterName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReferenceSetId = table.Column<int>(type: "INTEGER", nullable: false),
                    SetNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    MethodVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    Colour = table.Column<double>(type: "REAL", nullable: false),
                    Structure = table.Column<double>(type: "REAL", nullable: false),
                    Embedding = table.Column<double>(type: "REAL", nullable: true),
                    MeanScore = table.Column<double>(type: "REAL", nullable: false),
                    PeakColour = table.Column<double>(type: "REAL", nullable: false),
                    PeakStructure = table.Column<double>(type: "REAL", nullable: false),
                    PeakEmbedding = table.Column<double>(type: "REAL", nullable: true),
                    WorstFrameIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    ReferenceIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    ReferenceImageId = table.Column<int>(type: "INTEGER", nullable: true),
                    RegionX = table.Column<double>(type: "REAL", nullable: false),
                    RegionY = table.Column<double>(type: "REAL", nullable: false),
                    RegionWidth = table.Column<double>(type: "REAL", nullable: false),
                    RegionHeight = table.Column<double>(type: "REAL", nullable: false),
                    WorstFramePng = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CharacterDrifts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CharacterDrifts_TakeScores_TakeScoreId",
                        column: x => x.TakeScoreId,
                        principalTable: "TakeScores",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CharacterDrifts_ProjectId_Score",
                table: "CharacterDrifts",
                columns: new[] { "ProjectId", "Score" });

            migrationBuilder.CreateIndex(
                name: "IX_CharacterDrifts_TakeId",
                table: "CharacterDrifts",
                column: "TakeId");

            migrationBuilder.CreateIndex(
                name: "IX_CharacterDrifts_TakeScoreId_CharacterId",
                table: "CharacterDrifts",
                columns: new[] { "TakeScoreId", "CharacterId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CutSeams_BeforeTakeId_AfterTakeId",
                table: "CutSeams",
                columns: new[] { "BeforeTakeId", "AfterTakeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CutSeams_ProjectId",
                table: "CutSeams",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_TakeDecisions_ProjectId",
                table: "TakeDecisions",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_TakeRegenerations_JobId",
                table: "TakeRegenerations",
                column: "JobId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TakeRegenerations_PreviousTakeId",
                table: "TakeRegenerations",
                column: "PreviousTakeId");

            migrationBuilder.CreateIndex(
                name: "IX_TakeRegenerations_ProjectId",
                table: "TakeRegenerations",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_TakeScores_ProjectId",
                table: "TakeScores",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_TakeScores_TakeId",
                table: "TakeScores",
                column: "TakeId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CharacterDrifts");

            migrationBuilder.DropTable(
                name: "CutSeams");

            migrationBuilder.DropTable(
                name: "ReviewThresholds");

            migrationBuilder.DropTable(
                name: "TakeDecisions");

            migrationBuilder.DropTable(
                name: "TakeRegenerations");

            migrationBuilder.DropTable(
                name: "TakeScores");
        }
    }
}

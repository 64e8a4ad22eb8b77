using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ExplainerStudio.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class RenderJobCrashEvidence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CrashStreak",
                table: "RenderJobs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "LastCrashPoint",
                table: "RenderJobs",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CrashStreak",
                table: "RenderJobs");

            migrationBuilder.DropColumn(
                name: "LastCrashPoint",
                table: "RenderJobs");
        }
    }
}

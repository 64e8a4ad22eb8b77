using System.Text;
using System.Text.RegularExpressions;
using ExplainerStudio.E2E.Tests.Infrastructure;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ExplainerStudio.E2E.Tests;

/// <summary>Long scripts pasted into the import page: within the limit they go through whole, past it nothing moves.</summary>
public sealed class ScriptPasteTests(StudioFixture studio, ITestOutputHelper output) : IClassFixture<StudioFixture>
{
    // Import:MaxScriptBytes as the studio ships (appsettings.json); the browser tests do not change it.
    private const int ImportLimitKilobytes = 512;

    [Fact]
    public Task AHundredKilobyteScript_SurvivesPreviewAndImport_Intact() =>
        studio.RunAsync(output, nameof(AHundredKilobyteScript_SurvivesPreviewAndImport_Intact), async session =>
        {
            var page = await studio.SignInOwnerAsync(session);
            var projectId = await NewDemoProjectAsync();
            var script = new StringBuilder();
            for (var s = 1; s <= 10; s++)
            {
                script.Append("# Scene ").Append(s).Append("\n\n");
                for (var n = 1; n <= 30; n++)
                {
                    script.Append("## Shot ").Append(s).Append('.').Append(n).Append("\n\n")
                        .Append("Ada turns to the board, where step ").Append(n).Append(" of the diffusion process is drawn in flat colours. ")
                        .Append("Pixel rolls closer, its antenna light blinking as the picture sharpens. The whiteboard behind them lists every step so far.\n\n")
                        .Append("ADA: ").Append(LineOf(s, n)).Append("\n\n");
                }
            }
            var text = script.ToString();
            Assert.InRange(Encoding.UTF8.GetByteCount(text), 100 * 1024, 150 * 1024);

            await page.GotoInteractiveAsync($"projects/{projectId}/import");
            await page.Locator("#script-text").FillAsync(text);
            await page.Locator("#preview-import").ClickInteractiveAsync();
            var preview = page.GetByTestId("import-preview");
            await Expect(preview).ToContainTextAsync("10 scenes, 300 shots, 300 dialogue lines");
            await Expect(preview.GetByTestId("line-text").Last).ToHaveTextAsync(LineOf(10, 30));

            await page.Locator("#confirm-import").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/projects/{projectId}$"));
            // A board this large makes cards only for the scenes near the view; the far ones are outlines with one box a
            // shot. Every shot is on the board as one or the other, counted in one pass so a scene made meanwhile counts once.
            await page.WaitForFunctionAsync(
                "n => document.querySelectorAll('[data-shot-card]').length + document.querySelectorAll('[data-scene-pending] .studio-shot-placeholder').length === n",
                8 + 300);

            await using var context = await Db().CreateDbContextAsync();
            var lines = await context.DialogueLines.Where(d => d.Shot!.Scene!.ProjectId == projectId && d.Shot.Title.StartsWith("Shot "))
                .OrderBy(d => d.Shot!.Scene!.Position).ThenBy(d => d.Shot!.Position).Select(d => d.Text).ToListAsync();
            Assert.Equal(300, lines.Count);
            Assert.Equal(LineOf(1, 1), lines[0]);
            Assert.Equal(LineOf(10, 30), lines[^1]);
        });

    [Fact]
    public Task APasteOverTheImportLimit_IsRefusedInWords_AndNothingIsSaved() =>
        studio.RunAsync(output, nameof(APasteOverTheImportLimit_IsRefusedInWords_AndNothingIsSaved), async session =>
        {
            var page = await studio.SignInOwnerAsync(session);
            var projectId = await NewDemoProjectAsync();
            var before = await CountsAsync(projectId);
            // 600 KB of ordinary script, past the 512 KB import limit. A paste past the limit stays in the browser
            // whatever its size, so one past the circuit's 2 MB message size (which used to drop the connection) takes
            // the same path.
            var line = "## A shot\n\nADA: " + string.Concat(Enumerable.Repeat("noise becomes a picture, step by step. ", 25)) + "\n\n";
            var text = "# Too long\n\n" + string.Concat(Enumerable.Repeat(line, 600 * 1024 / line.Length + 1));

            await page.GotoInteractiveAsync($"projects/{projectId}/import");
            // A paste puts the whole text into the box with one input event. Playwright's FillAsync types it through
            // the editing pipeline instead, which for 600 KB outlasts its timeout on a busy machine.
            await page.Locator("#script-text").EvaluateAsync(
                "(box, text) => { box.focus(); box.value = text; box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' })); box.dispatchEvent(new Event('change', { bubbles: true })); }",
                text);
            var error = page.GetByTestId("import-error");
            await Expect(error).ToContainTextAsync("Nothing was imported");
            await Expect(error).ToContainTextAsync(new Regex(@"the script in the box is 600(\.\d)? KB; imports are limited to " + ImportLimitKilobytes + " KB"));
            await page.Locator("#preview-import").ClickAsync();
            await Expect(error).ToContainTextAsync("imports are limited to " + ImportLimitKilobytes + " KB");
            await Expect(page.GetByTestId("import-preview")).ToHaveCountAsync(0);
            await Expect(page.Locator("#confirm-import")).ToBeDisabledAsync();
            // What the user pasted stays in the box for them to cut down.
            Assert.Equal(text.Length, await page.Locator("#script-text").EvaluateAsync<int>("box => box.value.length"));
            Assert.Equal(before, await CountsAsync(projectId));

            // The connection is still there: a script within the limit previews at once.
            await page.Locator("#script-text").FillAsync("# Short\n\n## One shot\n\nADA: Small enough.\n");
            await page.Locator("#preview-import").ClickAsync();
            await Expect(page.GetByTestId("import-preview")).ToContainTextAsync("1 scene, 1 shot, 1 dialogue line");
            await Expect(error).ToHaveCountAsync(0);
            await Expect(page.Locator("#components-reconnect-modal[open]")).ToHaveCountAsync(0);
            Assert.Equal(before, await CountsAsync(projectId));
        });

    private static string LineOf(int scene, int shot) =>
        FormattableString.Invariant($"Step {shot} of scene {scene}: the network removes a little noise, and the picture under it grows clearer — üé ✓.");

    private async Task<int> NewDemoProjectAsync()
    {
        await using var context = await Db().CreateDbContextAsync();
        var ownerId = (await context.Users.SingleAsync(u => u.Email == StudioFixture.Owner.Email)).Id;
        return await studio.Services.GetRequiredService<DemoProjectSeeder>().CreateAsync(ownerId);
    }

    private async Task<(int Scenes, int Shots, int Lines, int Characters)> CountsAsync(int projectId)
    {
        await using var context = await Db().CreateDbContextAsync();
        return (await context.Scenes.CountAsync(s => s.ProjectId == projectId),
            await context.Shots.CountAsync(s => s.Scene!.ProjectId == projectId),
            await context.DialogueLines.CountAsync(d => d.Shot!.Scene!.ProjectId == projectId),
            await context.Characters.CountAsync(c => c.ProjectId == projectId));
    }

    private IDbContextFactory<StudioDbContext> Db() => studio.Services.GetRequiredService<IDbContextFactory<StudioDbContext>>();
}

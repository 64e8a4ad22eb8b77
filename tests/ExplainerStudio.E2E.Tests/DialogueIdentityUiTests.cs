using ExplainerStudio.E2E.Tests.Infrastructure;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ExplainerStudio.E2E.Tests;

/// <summary>The shot editor sends each dialogue line's id, so an edited line keeps its recorded take.</summary>
public sealed class DialogueIdentityUiTests(StudioFixture studio, ITestOutputHelper output) : IClassFixture<StudioFixture>
{
    private const string ShotTitle = "Meet Ada and Pixel";

    [Fact]
    public Task EditingALineAndTheTitle_InTheEditor_KeepsTheLinesRecordedTake() =>
        studio.RunAsync(output, nameof(EditingALineAndTheTitle_InTheEditor_KeepsTheLinesRecordedTake), async session =>
        {
            var page = await studio.SignInOwnerAsync(session);
            await page.GotoInteractiveAsync("");
            await page.GetByTestId("project-card").First.ClickAsync();
            await Expect(page.GetByTestId("project-title")).ToBeVisibleAsync();
            await page.WaitForInteractiveAsync();
            var card = page.GetByTestId("shot").Filter(new() { Has = page.Locator("h3", new() { HasTextString = ShotTitle }) });
            await card.WaitForHandlersAsync();

            var (ownerId, lineId) = await FirstLineAsync();
            await using (var wav = new MemoryStream(Wav(seconds: 1)))
            {
                await studio.Services.GetRequiredService<TimelineAudioService>().UploadTakeAsync(lineId, "take.wav", wav, ownerId);
            }
            var before = await TakeAsync(lineId);
            Assert.NotNull(before);

            await card.ClickAsync();
            await page.Locator("#shot-title").WaitForHandlersAsync();
            await page.Locator("#shot-title").FillAsync("Meet Ada and Pixel again");
            // A changed text cannot be matched by content: only the id keeps the take on this line.
            var line = page.GetByTestId("dialogue-line").First.GetByRole(AriaRole.Textbox, new() { Name = "Line", Exact = true });
            await line.FillAsync("Hi! I'm Ada, and this is my friend Pixel.");
            await page.Locator("#save-shot").ClickAsync();
            await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Shot saved" })).ToBeVisibleAsync();

            Assert.Equal(before, await TakeAsync(lineId));
            await using var context = await Db().CreateDbContextAsync();
            Assert.Equal("Hi! I'm Ada, and this is my friend Pixel.", (await context.DialogueLines.SingleAsync(d => d.Id == lineId)).Text);
        });

    private IDbContextFactory<StudioDbContext> Db() => studio.Services.GetRequiredService<IDbContextFactory<StudioDbContext>>();

    private async Task<(string OwnerId, int LineId)> FirstLineAsync()
    {
        await using var context = await Db().CreateDbContextAsync();
        var owner = await context.Users.SingleAsync(u => u.Email == StudioFixture.Owner.Email);
        var line = await context.DialogueLines
            .Where(d => d.Shot!.Title == ShotTitle && d.Shot.Scene!.Project!.Members.Any(m => m.UserId == owner.Id))
            .OrderBy(d => d.Position).FirstAsync();
        return (owner.Id, line.Id);
    }

    private async Task<string?> TakeAsync(int lineId)
    {
        await using var context = await Db().CreateDbContextAsync();
        return await context.DialogueAudio.Where(a => a.DialogueLineId == lineId).Select(a => a.FilePath + "|" + a.Sha256).SingleOrDefaultAsync();
    }

    // A 16-bit mono PCM WAV of a 440 Hz tone, written here so the test needs no audio file on disk.
    private static byte[] Wav(int seconds)
    {
        const int rate = 16_000;
        var samples = rate * seconds;
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(36 + (samples * 2));
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(rate);
        writer.Write(rate * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(samples * 2);
        for (var i = 0; i < samples; i++)
        {
            writer.Write((short)(Math.Sin(2 * Math.PI * 440 * i / rate) * 8000));
        }
        writer.Flush();
        return stream.ToArray();
    }
}

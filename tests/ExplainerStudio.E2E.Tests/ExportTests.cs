using ExplainerStudio.E2E.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ExplainerStudio.E2E.Tests;

public sealed class ExportTests(StudioFixture studio, ITestOutputHelper output) : IClassFixture<StudioFixture>
{
    private const string DemoProjectName = "How AI video generation works";

    [Fact]
    public Task DemoProject_ExportsFromTheBrowser_AndDownloadsAnMp4() =>
        studio.RunAsync(output, nameof(DemoProject_ExportsFromTheBrowser_AndDownloadsAnMp4), async session =>
        {
            var page = await studio.SignInOwnerAsync(session);
            await page.GotoInteractiveAsync("");
            await page.GetByTestId("project-card").Filter(new() { HasText = DemoProjectName }).ClickAsync();
            await Expect(page.GetByTestId("project-title")).ToHaveTextAsync(DemoProjectName);
            await page.WaitForInteractiveAsync();

            await page.Locator("#open-timeline").ClickAsync();
            await Expect(page.GetByTestId("timeline-shot").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            Assert.True(await page.GetByTestId("timeline-line").CountAsync() >= 4, "The demo's dialogue should be on the lane.");
            await page.WaitForInteractiveAsync();

            var firstLine = page.Locator("[data-testid=timeline-dialogue] tr[data-line-id]").First;
            await Expect(firstLine.GetByTestId("line-source")).ToHaveTextAsync("Scratch");
            var lineId = await firstLine.GetAttributeAsync("data-line-id");
            await page.UploadAsync($"#take-upload-{lineId}",
                new FilePayload { Name = "take.wav", MimeType = "audio/wav", Buffer = ToneWav(seconds: 1.5) });
            await Expect(firstLine.GetByTestId("line-source")).ToHaveTextAsync("Recorded", new() { Timeout = 30_000 });

            await page.Locator("#open-exports").ClickAsync();
            await page.WaitForInteractiveAsync();
            await page.Locator("#start-export").ClickInteractiveAsync();
            var row = page.GetByTestId("export").First;
            await Expect(row).ToHaveAttributeAsync("data-status", "Succeeded", new() { Timeout = 120_000 });

            var download = await page.RunAndWaitForDownloadAsync(() => row.GetByTestId("download-mp4").ClickAsync());
            var path = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.mp4");
            await download.SaveAsAsync(path);
            try
            {
                var bytes = await File.ReadAllBytesAsync(path);
                Assert.True(bytes.Length > 10_000, $"The download has only {bytes.Length} bytes.");
                Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(bytes, 4, 4));
                Assert.EndsWith(".mp4", download.SuggestedFilename, StringComparison.Ordinal);
            }
            finally
            {
                File.Delete(path);
            }
        });

    /// <summary>A 16 kHz mono 16-bit PCM WAV of a 440 Hz tone: a real recorded take, made without any tool.</summary>
    private static byte[] ToneWav(double seconds)
    {
        const int rate = 16000;
        var samples = (int)(rate * seconds);
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
        for (var index = 0; index < samples; index++)
        {
            writer.Write((short)(Math.Sin(2 * Math.PI * 440 * index / rate) * 12000));
        }
        writer.Flush();
        return stream.ToArray();
    }
}

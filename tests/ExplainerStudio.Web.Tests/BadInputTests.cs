using System.Text;
using ExplainerStudio.Media.Ffmpeg;
using ExplainerStudio.Web.Characters;
using ExplainerStudio.Web.Storyboards;
using ExplainerStudio.Web.Storyboards.Import;

namespace ExplainerStudio.Web.Tests;

/// <summary>Every kind of bad input gets a message that names the problem, and the database is exactly as it was.</summary>
[Collection(StudioCollection.Name)]
public sealed class BadInputTests(StudioFixture studio)
{
    private StudioFactory Factory => studio.Factory;

    [Theory]
    [InlineData("notes.png", "Just some notes, not a picture.\nSecond line.\n", "its content looks like text")]
    [InlineData("scan.png", "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "its content looks like a PDF document")]
    [InlineData("page.jpg", "<!DOCTYPE html><html><body>hi</body></html>", "its content looks like an HTML page")]
    public async Task Upload_OfAFileThatIsNotAnImage_IsRefusedByItsContent(string name, string content, string expected)
    {
        var message = await AssertUploadRefusedAsync(name, Encoding.UTF8.GetBytes(content));

        Assert.Contains($"'{name}' is not a PNG, JPEG or WebP image", message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_OfATruncatedPng_IsRefused()
    {
        var png = TestImages.Png(200, 150);

        var message = await AssertUploadRefusedAsync("cut.png", png[..(png.Length / 2)]);

        Assert.StartsWith("'cut.png' is a PNG image that cannot be decoded completely", message, StringComparison.Ordinal);
        Assert.Contains("truncated", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_OfATruncatedJpeg_IsRefused()
    {
        var jpeg = await TestImages.EncodeAsync(Factory.Get<FfmpegRunner>(), ".jpg", 200, 150);

        var message = await AssertUploadRefusedAsync("cut.jpg", jpeg[..(jpeg.Length * 2 / 3)]);

        Assert.StartsWith("'cut.jpg' is a JPEG image that cannot be decoded completely", message, StringComparison.Ordinal);
        Assert.Contains("truncated", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(12, 40)]
    [InlineData(40, 15)]
    public async Task Upload_SmallerThanTheMinimumOnItsShortSide_IsRefusedQuotingTheLimit(int width, int height)
    {
        var message = await AssertUploadRefusedAsync("icon.png", TestImages.Png(width, height));

        Assert.Equal(
            $"'icon.png' is {width}×{height} pixels, too small to be a reference: reference images need at least " +
            $"{StudioFixture.MinImageShortSide} pixels on their short side. Upload a larger picture of the character.",
            message);
    }

    [Fact]
    public void ReferenceImages_UnderSixtyFourPixelsOnTheShortSide_AreRefusedByDefault()
    {
        using var settings = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(StudioFactory.RepositoryRoot, "appsettings.json")));

        Assert.Equal(64, new UploadOptions().MinImageShortSide);
        Assert.Equal(64, settings.RootElement.GetProperty(UploadOptions.SectionName).GetProperty(nameof(UploadOptions.MinImageShortSide)).GetInt32());
    }

    [Fact]
    public async Task Upload_Refusals_NeverShowAServerPathOrTemporaryName()
    {
        var png = TestImages.Png(200, 150);
        var jpeg = await TestImages.EncodeAsync(Factory.Get<FfmpegRunner>(), ".jpg", 200, 150);
        byte[][] uploads =
        [
            png[..(png.Length / 3)],
            jpeg[..(jpeg.Length / 2)],
            [.. png[..40], .. new byte[200]],
            Encoding.UTF8.GetBytes("%PDF-1.4\n"),
            TestImages.Png(10, 10),
        ];

        foreach (var upload in uploads)
        {
            var message = await AssertUploadRefusedAsync("ref.png", upload);

            Assert.StartsWith("'ref.png' ", message, StringComparison.Ordinal);
            Assert.DoesNotContain(Factory.DataDirectory, message, StringComparison.Ordinal);
            Assert.DoesNotContain(Path.GetTempPath(), message, StringComparison.Ordinal);
            Assert.DoesNotContain("upload-", message, StringComparison.Ordinal);
            Assert.DoesNotContain(".bin", message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Upload_OverTheSizeLimit_IsRefused()
    {
        var noise = new byte[400 * 300 * 3];
        new Random(7).NextBytes(noise);
        var png = Media.Images.PngEncoder.Encode(new RgbImage(400, 300, noise));
        Assert.True(png.Length > StudioFixture.MaxImageBytes);

        var message = await AssertUploadRefusedAsync("noise.png", png);

        Assert.Contains("'noise.png' is larger than", message, StringComparison.Ordinal);
        Assert.Contains("the limit for reference images", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_OverThePixelLimit_IsRefused()
    {
        var png = TestImages.Png(600, 600);
        Assert.True(png.Length < StudioFixture.MaxImageBytes);

        var message = await AssertUploadRefusedAsync("huge.png", png);

        Assert.Contains("'huge.png' is 600×600 (0.4 megapixels)", message, StringComparison.Ordinal);
        Assert.Contains("limited to 0.3 megapixels", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_OfAnEmptyFile_IsRefused()
    {
        var message = await AssertUploadRefusedAsync("empty.png", []);

        Assert.Contains("'empty.png' is empty", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../x.png")]
    [InlineData("a/b.png")]
    [InlineData("C:\\x.png")]
    [InlineData("/etc/x.png")]
    [InlineData("..")]
    public async Task Upload_WithFolderPartsInItsName_IsRefused(string name)
    {
        var message = await AssertUploadRefusedAsync(name, TestImages.Png(32, 32));

        Assert.Contains($"The file name '{name}' contains folder parts", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bell\a.png")]
    public async Task Upload_WithoutAUsableName_IsRefused(string name)
    {
        var message = await AssertUploadRefusedAsync(name, TestImages.Png(32, 32));

        Assert.Contains("file name", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScriptImport_OverTheSizeLimit_IsRefused()
    {
        var script = "# Scene\n\n## Shot\n\n" + new string('x', StudioFixture.MaxScriptBytes);

        var message = await AssertImportRefusedAsync(script);

        Assert.Contains("imports are limited to 4 KB", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScriptImport_WithNoHeadings_IsRefused()
    {
        var message = await AssertImportRefusedAsync("Ada walks in.\n\nADA: Hello!\n");

        Assert.Contains("The script has no headings", message, StringComparison.Ordinal);
        Assert.Contains("'# Scene title'", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\t\n ")]
    public async Task ScriptImport_ThatIsEmpty_IsRefused(string script)
    {
        var message = await AssertImportRefusedAsync(script);

        Assert.Contains("The script is empty", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScriptImport_OfBinaryData_IsRefused()
    {
        var message = await AssertImportRefusedAsync("# Scene\n\0\0\0");

        Assert.Contains("binary data", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CharacterNames_ThatDifferOnlyInCase_AreRefused()
    {
        var board = await Storyboard.CreateAsync(Factory);
        await board.Characters.CreateAsync(board.ProjectId, board.Owner.Id, "Ada", "");
        var pixel = await board.Characters.CreateAsync(board.ProjectId, board.Owner.Id, "Pixel", "");
        var pixelVersion = (await board.Characters.GetAsync(pixel, board.Owner.Id)).Version;
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        var create = await Assert.ThrowsAsync<StudioInputException>(() => board.Characters.CreateAsync(board.ProjectId, board.Owner.Id, " ADA ", ""));
        var rename = await Assert.ThrowsAsync<StudioInputException>(() =>
            board.Characters.UpdateAsync(new CharacterEdit(pixel, pixelVersion, "ada", "", "en-us", 50, 165), board.Owner.Id));

        Assert.Contains("already has a character named 'ADA'", create.Message, StringComparison.Ordinal);
        Assert.Contains("already has a character named 'ada'", rename.Message, StringComparison.Ordinal);
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
    }

    [Fact]
    public async Task CharacterNames_MayRepeatAcrossProjects()
    {
        var first = await Storyboard.CreateAsync(Factory);
        var second = await Storyboard.CreateAsync(Factory);
        await first.Characters.CreateAsync(first.ProjectId, first.Owner.Id, "Ada", "");

        await second.Characters.CreateAsync(second.ProjectId, second.Owner.Id, "Ada", "");

        Assert.Equal("Ada", Assert.Single(await second.Characters.ListAsync(second.ProjectId, second.Owner.Id)).Name);
    }

    /// <summary>Uploads to a fresh character of a fresh project; returns the refusal's message after checking nothing changed.</summary>
    private async Task<string> AssertUploadRefusedAsync(string name, byte[] content)
    {
        var board = await Storyboard.CreateAsync(Factory);
        var characterId = await board.Characters.CreateAsync(board.ProjectId, board.Owner.Id, "Ada", "");
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        var error = await Assert.ThrowsAsync<StudioInputException>(() =>
            board.Characters.AddReferenceImageAsync(characterId, board.Owner.Id, name, new MemoryStream(content)));

        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
        var temp = Path.Combine(Factory.DataDirectory, "tmp");
        Assert.True(!Directory.Exists(temp) || Directory.GetFiles(temp).Length == 0, "The upload's temporary file was left behind.");
        return error.Message;
    }

    /// <summary>Previews and imports into a project that already has a scene; returns the message after checking nothing changed.</summary>
    private async Task<string> AssertImportRefusedAsync(string script)
    {
        var board = await Storyboard.CreateAsync(Factory, 1);
        var importer = Factory.Get<ScriptImporter>();
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        var preview = await Assert.ThrowsAsync<StudioInputException>(() => importer.PreviewAsync(board.ProjectId, board.Owner.Id, script));
        var import = await Assert.ThrowsAsync<StudioInputException>(() => importer.ImportAsync(board.ProjectId, board.Owner.Id, script));

        Assert.Equal(preview.Message, import.Message);
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
        return import.Message;
    }
}

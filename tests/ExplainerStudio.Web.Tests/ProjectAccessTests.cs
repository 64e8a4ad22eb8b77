using ExplainerStudio.Web.Components.Account;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ExplainerStudio.Web.Characters;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Storyboards;
using ExplainerStudio.Web.Storyboards.Import;

namespace ExplainerStudio.Web.Tests;

/// <summary>A project is visible only to its members: through the services, the JSON API, the image endpoints and the pages.</summary>
[Collection(StudioCollection.Name)]
public sealed class ProjectAccessTests(StudioFixture studio)
{
    private const string Password = "correct-horse-42";

    private StudioFactory Factory => studio.Factory;

    [Fact]
    public async Task Outsider_CannotReadOrChangeAProject_ThroughTheServices()
    {
        var (board, imageId) = await BoardWithImageAsync();
        var outsider = await Factory.CreateUserAsync();
        var characterId = (await board.Characters.ListAsync(board.ProjectId, board.Owner.Id))[0].Id;
        var shot = await board.ShotAsync("S1.1");
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        Func<Task>[] attempts =
        [
            () => board.Service.GetStoryboardAsync(board.ProjectId, outsider.Id),
            () => board.Service.AddSceneAsync(board.ProjectId, outsider.Id, "Mine now"),
            () => board.Service.UpdateShotAsync(Storyboard.EditOf(shot) with { Prompt = "hijacked" }, outsider.Id),
            () => board.Service.DeleteShotAsync(shot.Id, outsider.Id),
            () => board.Service.DeleteProjectAsync(board.ProjectId, outsider.Id),
            () => board.Characters.ListAsync(board.ProjectId, outsider.Id),
            () => board.Characters.GetAsync(characterId, outsider.Id),
            () => board.Characters.GetImageAsync(imageId, thumbnail: true, outsider.Id),
            () => board.Characters.AddReferenceImageAsync(characterId, outsider.Id, "x.png", new MemoryStream(TestImages.Png(16, 16, seed: 4))),
            () => Factory.Get<ScriptImporter>().ImportAsync(board.ProjectId, outsider.Id, "# Scene\n## Shot\n"),
            () => Factory.Get<MembershipService>().ListAsync(board.ProjectId, outsider.Id),
        ];
        foreach (var attempt in attempts)
        {
            var error = await Assert.ThrowsAsync<ProjectAccessDeniedException>(attempt);
            Assert.False(error.IsMember);
            Assert.Contains("does not exist or you are not one of its members", error.Message, StringComparison.Ordinal);
        }

        Assert.Empty(await board.Service.ListProjectsAsync(outsider.Id));
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
    }

    [Fact]
    public async Task ShotEdit_CannotPlaceACharacterOfAnotherProject()
    {
        var board = await Storyboard.CreateAsync(Factory, 1);
        var (otherBoard, _) = await BoardWithImageAsync();
        var foreignCharacter = (await otherBoard.Characters.ListAsync(otherBoard.ProjectId, otherBoard.Owner.Id))[0].Id;
        var shot = await board.ShotAsync("S1.1");
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        var placement = await Assert.ThrowsAsync<StudioInputException>(() => board.Service.UpdateShotAsync(
            Storyboard.EditOf(shot) with { Characters = [new PlacementEdit(foreignCharacter, 0.5, 0.5, 0.5, 0)] }, board.Owner.Id));
        var dialogue = await Assert.ThrowsAsync<StudioInputException>(() => board.Service.UpdateShotAsync(
            Storyboard.EditOf(shot) with { Dialogue = [new DialogueEdit(foreignCharacter, "Not mine.")] }, board.Owner.Id));

        Assert.Contains("no longer exists in the project", placement.Message, StringComparison.Ordinal);
        Assert.Equal(placement.Message, dialogue.Message);
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
    }

    [Fact]
    public async Task Viewer_CanReadButNotEdit()
    {
        var board = await Storyboard.CreateAsync(Factory, 1);
        var viewer = await Factory.CreateUserAsync();
        await Factory.Get<MembershipService>().AddAsync(board.ProjectId, board.Owner.Id, viewer.Email!, ProjectRole.Viewer);

        var view = await board.Service.GetStoryboardAsync(board.ProjectId, viewer.Id);
        var error = await Assert.ThrowsAsync<ProjectAccessDeniedException>(() => board.Service.AddSceneAsync(board.ProjectId, viewer.Id, "No"));

        Assert.Equal(ProjectRole.Viewer, view.Role);
        Assert.True(error.IsMember);
    }

    [Fact]
    public async Task SignedInOutsider_GetsNotFound_FromTheApiAndImageEndpoints()
    {
        var (board, imageId) = await BoardWithImageAsync();
        var characterId = (await board.Characters.ListAsync(board.ProjectId, board.Owner.Id))[0].Id;
        var outsider = await Factory.CreateUserAsync(Password);
        using var browser = await StudioBrowser.SignInAsync(Factory, outsider.Email!, Password);
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.Client.GetAsync($"/api/projects/{board.ProjectId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Client.GetAsync($"/api/references/images/{imageId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Client.GetAsync($"/api/references/images/{imageId}/thumbnail")).StatusCode);
        var upload = await browser.Client.PostAsync($"/api/references/characters/{characterId}/images", ImageForm("x.png", TestImages.Png(16, 16, seed: 8)));
        Assert.Equal(HttpStatusCode.NotFound, upload.StatusCode);
        Assert.Empty(await browser.Client.GetFromJsonAsync<List<ProjectSummary>>("/api/projects") ?? []);
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
    }

    [Fact]
    public async Task SignedInOwner_ReadsTheProjectAndItsImages_OverHttp()
    {
        var (board, imageId) = await BoardWithImageAsync(Password);
        using var browser = await StudioBrowser.SignInAsync(Factory, board.Owner.Email!, Password);

        var projects = await browser.Client.GetFromJsonAsync<List<ProjectSummary>>("/api/projects");
        var storyboard = await browser.Client.GetFromJsonAsync<StoryboardView>($"/api/projects/{board.ProjectId}");
        var thumbnail = await browser.Client.GetAsync($"/api/references/images/{imageId}/thumbnail");

        Assert.Equal(board.ProjectId, Assert.Single(projects!).Id);
        Assert.Equal(["S1.1"], storyboard!.Scenes.SelectMany(s => s.Shots).Select(s => s.Title));
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal("image/png", thumbnail.Content.Headers.ContentType?.MediaType);
        var (expected, _) = await board.Characters.GetImageAsync(imageId, thumbnail: true, board.Owner.Id);
        Assert.Equal(expected, await thumbnail.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task UploadEndpoint_StoresAGoodImage_AndRefusesABadOneWithItsReason()
    {
        var board = await Storyboard.CreateAsync(Factory);
        var owner = await Factory.CreateUserAsync(Password);
        var projectId = await board.Service.CreateProjectAsync(owner.Id, "Upload test", "");
        var characterId = await board.Characters.CreateAsync(projectId, owner.Id, "Ada", "");
        using var browser = await StudioBrowser.SignInAsync(Factory, owner.Email!, Password);

        var good = await browser.Client.PostAsync($"/api/references/characters/{characterId}/images", ImageForm("ada.png", TestImages.Png(40, 30, seed: 2)));
        var before = await DatabaseSnapshot.TakeAsync(Factory);
        var bad = await browser.Client.PostAsync($"/api/references/characters/{characterId}/images", ImageForm("ada.png", "not an image"u8.ToArray()));

        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
        Assert.Single((await board.Characters.GetAsync(characterId, owner.Id)).Draft!.Images);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'ada.png' is not a PNG, JPEG or WebP image", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
    }

    [Fact]
    public async Task StoryboardPage_ForANonMember_ShowsNotAvailable_InsteadOfTheStoryboard()
    {
        var board = await Storyboard.CreateAsync(Factory, 1);
        var projectName = (await board.ReadAsync()).Name;
        var outsider = await Factory.CreateUserAsync(Password);
        using var browser = await StudioBrowser.SignInAsync(Factory, outsider.Email!, Password);

        var response = await browser.Client.GetAsync($"/projects/{board.ProjectId}");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Project not available", html, StringComparison.Ordinal);
        Assert.Contains("does not exist or you are not one of its members", html, StringComparison.Ordinal);
        Assert.DoesNotContain(projectName, html, StringComparison.Ordinal);
        Assert.DoesNotContain("S1.1", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoryboardPage_ForTheOwner_RendersTheStoryboard()
    {
        var owner = await Factory.CreateUserAsync(Password);
        var projectId = await Factory.Get<StoryboardService>().CreateProjectAsync(owner.Id, "Owner's board", "");
        var sceneId = await Factory.Get<StoryboardService>().AddSceneAsync(projectId, owner.Id, "Opening scene");
        await Factory.Get<StoryboardService>().AddShotAsync(sceneId, owner.Id, "First shot");
        using var browser = await StudioBrowser.SignInAsync(Factory, owner.Email!, Password);

        var html = await browser.Client.GetStringAsync($"/projects/{projectId}");

        Assert.Contains("data-testid=\"project-title\">Owner&#x27;s board</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Opening scene", html, StringComparison.Ordinal);
        Assert.Contains("First shot", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Project not available", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/projects")]
    [InlineData("/api/projects/1")]
    [InlineData("/api/references/images/1")]
    [InlineData("/api/references/images/1/thumbnail")]
    public async Task Api_WithoutSigningIn_ReturnsNoData(string path)
    {
        await BoardWithImageAsync();
        using var browser = StudioBrowser.Open(Factory);

        var response = await browser.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("\"name\"", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task UploadEndpoint_WithoutSigningIn_ChangesNothing()
    {
        var (board, _) = await BoardWithImageAsync();
        var characterId = (await board.Characters.ListAsync(board.ProjectId, board.Owner.Id))[0].Id;
        using var browser = StudioBrowser.Open(Factory);
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        var response = await browser.Client.PostAsync($"/api/references/characters/{characterId}/images", ImageForm("x.png", TestImages.Png(16, 16, seed: 6)));

        Assert.NotEqual(HttpStatusCode.Created, response.StatusCode);
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
    }

    [Fact]
    public async Task WrongPassword_IsRefused_WithoutACookie()
    {
        var user = await Factory.CreateUserAsync(Password);
        using var browser = StudioBrowser.Open(Factory);

        var response = await browser.Client.PostAsync("/Account/Login", null);
        var refused = await browser.SubmitFormAsync("/Account/Login", "login", new() { ["Input.Email"] = user.Email!, ["Input.Password"] = "wrong-password-1" });

        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(AccountMessages.SignInFailed, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // An unknown e-mail reads exactly the same, so the page never tells whether an account exists.
        var unknown = await browser.SubmitFormAsync("/Account/Login", "login", new() { ["Input.Email"] = "nobody@studio.test", ["Input.Password"] = "wrong-password-1" });
        Assert.Contains(AccountMessages.SignInFailed, await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(refused.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("ExplainerStudio.Auth=", StringComparison.Ordinal)));
        Assert.NotEqual(HttpStatusCode.OK, (await browser.Client.GetAsync("/api/projects")).StatusCode);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        var user = await Factory.CreateUserAsync(Password);
        using var browser = await StudioBrowser.SignInAsync(Factory, user.Email!, Password);
        var home = await browser.Client.GetStringAsync("/");
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/api/projects")).StatusCode);

        var response = await browser.Client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = StudioBrowser.AntiforgeryToken(home),
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await browser.Client.GetAsync("/api/projects")).StatusCode);
    }

    private async Task<(Storyboard Board, int ImageId)> BoardWithImageAsync(string? password = null)
    {
        var owner = await Factory.CreateUserAsync(password);
        var service = Factory.Get<StoryboardService>();
        var projectId = await service.CreateProjectAsync(owner.Id, "Secret plans", "");
        var sceneId = await service.AddSceneAsync(projectId, owner.Id, "Scene 1");
        await service.AddShotAsync(sceneId, owner.Id, "S1.1");
        var board = new Storyboard(Factory, owner, projectId);
        var characterId = await board.AddLockedCharacterAsync("Ada", seed: 11);
        var imageId = (await board.Characters.GetAsync(characterId, owner.Id)).CurrentLocked!.Images[0].Id;
        return (board, imageId);
    }

    private static MultipartFormDataContent ImageForm(string name, byte[] bytes)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return new MultipartFormDataContent { { file, "file", name } };
    }
}

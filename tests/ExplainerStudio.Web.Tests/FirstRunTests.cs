using System.Net;
using System.Security.Cryptography;
using ExplainerStudio.Web.Characters;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Demo;
using ExplainerStudio.Web.Storyboards;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ExplainerStudio.Web.Tests;

/// <summary>A studio with no accounts yet, started fresh for this class: the newcomer's first minutes.</summary>
public sealed class FirstRunTests : IAsyncLifetime
{
    private const string Password = "first-account-pw-1";
    private readonly StudioFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task FirstVisit_GoesToSetup_AndTheFirstAccountGetsTheDemoProject()
    {
        using var browser = StudioBrowser.Open(_factory);

        var home = await browser.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/Account/Login?ReturnUrl=%2F", browser.RedirectPath(home));
        var login = await browser.Client.GetAsync("/Account/Login?ReturnUrl=%2F");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/Account/Setup", browser.RedirectPath(login));
        var setup = await browser.Client.GetStringAsync("/Account/Setup");
        Assert.Contains("Welcome to your studio", setup, StringComparison.Ordinal);

        var created = await browser.SubmitFormAsync("/Account/Setup", "register", new()
        {
            ["Input.DisplayName"] = "Grace",
            ["Input.Email"] = "grace@example.test",
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/", browser.RedirectPath(created));
        var projects = await browser.Client.GetStringAsync("/");
        Assert.Contains(DemoProjectSeeder.ProjectName, projects, StringComparison.Ordinal);

        var user = await FindUserAsync("grace@example.test");
        Assert.Equal("Grace", user.DisplayName);
        var summary = Assert.Single(await _factory.Get<StoryboardService>().ListProjectsAsync(user.Id));
        Assert.Equal((DemoProjectSeeder.ProjectName, ProjectRole.Owner), (summary.Name, summary.Role));
        await AssertCompleteDemoAsync(summary.Id, user.Id);

        var again = await StudioBrowser.Open(_factory).Client.GetAsync("/Account/Setup");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("/Account/Login", browser.RedirectPath(again));
    }

    private async Task AssertCompleteDemoAsync(int projectId, string userId)
    {
        var board = await _factory.Get<StoryboardService>().GetStoryboardAsync(projectId, userId);
        Assert.True(board.Scenes.Count >= 3, $"The demo has {board.Scenes.Count} scenes.");
        Assert.All(board.Scenes, scene => Assert.NotEmpty(scene.Shots));
        var shots = board.Scenes.SelectMany(s => s.Shots).ToList();
        Assert.Equal(Enumerable.Range(0, board.Scenes.Count), board.Scenes.Select(s => s.Position));
        Assert.All(board.Scenes, scene => Assert.Equal(Enumerable.Range(0, scene.Shots.Count), scene.Shots.Select(s => s.Position)));
        Assert.All(shots, shot => Assert.NotEmpty(shot.Dialogue));
        Assert.All(shots, shot => Assert.False(shot.IsStale || shot.LacksLockedReference, $"Shot '{shot.Title}' lacks a current locked reference."));
        Assert.Equal(["Ada", "Pixel"], board.Characters.Select(c => c.Name));

        var characters = _factory.Get<CharacterService>();
        foreach (var character in board.Characters)
        {
            var detail = await characters.GetAsync(character.Id, userId);
            var set = Assert.Single(detail.Sets);
            Assert.True(set.IsLocked);
            Assert.NotEmpty(set.Images);
            Assert.Equal(shots.Count(s => s.Characters.Any(c => c.CharacterId == character.Id)), detail.Usage.Count);
            foreach (var image in set.Images)
            {
                var (png, _) = await characters.GetImageAsync(image.Id, thumbnail: false, userId);
                Assert.Equal(image.Sha256, Convert.ToHexStringLower(SHA256.HashData(png)));
                Assert.Equal((image.Width, image.Height), TestImages.PngSize(png));
            }
        }
    }

    private async Task<StudioUser> FindUserAsync(string email)
    {
        using var scope = _factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<StudioUser>>().FindByEmailAsync(email)
            ?? throw new InvalidOperationException($"No account {email}.");
    }
}

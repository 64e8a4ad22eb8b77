using System.Text.RegularExpressions;
using ExplainerStudio.E2E.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ExplainerStudio.E2E.Tests;

public sealed partial class ProjectAccessTests(StudioFixture studio, ITestOutputHelper output) : IClassFixture<StudioFixture>
{
    private static readonly TestAccount Stranger = new("Sam Stranger", "stranger@studio.test", "stranger-pass-1234");

    [Fact]
    public Task SecondAccount_CannotOpenAnotherAccountsProject_ByUrlOrEndpoint() =>
        studio.RunAsync(output, nameof(SecondAccount_CannotOpenAnotherAccountsProject_ByUrlOrEndpoint), async session =>
        {
            var owner = await studio.SignInOwnerAsync(session);
            await owner.GotoInteractiveAsync("");
            var ownerProject = await ProjectPathAsync(owner.GetByTestId("project-card").First);
            await owner.GotoInteractiveAsync(ownerProject + "/characters");
            await owner.GetByTestId("character-card").First.ClickAsync();
            await Expect(owner).ToHaveURLAsync(CharacterUrl());
            var ownerCharacter = new Uri(owner.Url).AbsolutePath;
            var ownerImage = await owner.GetByTestId("reference-image").First.Locator("a").GetAttributeAsync("href");
            Assert.NotNull(ownerImage);

            var stranger = await session.NewPageAsync();
            await StudioAccounts.RegisterAsync(stranger, Stranger);
            var strangerProject = await ProjectPathAsync(stranger.GetByTestId("project-card").First);
            Assert.NotEqual(ownerProject, strangerProject);
            await Expect(stranger.GetByTestId("project-card")).ToHaveCountAsync(1);

            foreach (var path in new[] { ownerProject, ownerProject + "/characters", ownerCharacter, ownerProject + "/import", ownerProject + "/members" })
            {
                await stranger.GotoInteractiveAsync(path);
                await Expect(stranger.Locator(".studio-empty h2")).ToHaveTextAsync(new Regex("not available$"));
                await Expect(stranger.GetByTestId("scene")).ToHaveCountAsync(0);
                await Expect(stranger.GetByTestId("project-title")).ToHaveCountAsync(0);
                await Expect(stranger.GetByTestId("reference-set")).ToHaveCountAsync(0);
                await Expect(stranger.Locator("#script-text")).ToHaveCountAsync(0);
            }

            var api = stranger.Context.APIRequest;
            Assert.Equal(404, (await api.GetAsync("api" + ownerProject)).Status);
            Assert.Equal(404, (await api.GetAsync(ownerImage.TrimStart('/'))).Status);
            Assert.Equal(404, (await api.GetAsync(ownerImage.TrimStart('/') + "/thumbnail")).Status);
            Assert.Equal(200, (await api.GetAsync("api" + strangerProject)).Status);
            Assert.Equal(200, (await owner.Context.APIRequest.GetAsync("api" + ownerProject)).Status);

            var characterId = ownerCharacter[(ownerCharacter.LastIndexOf('/') + 1)..];
            var form = api.CreateFormData();
            form.Set("file", new FilePayload { Name = "intruder.png", MimeType = "image/png", Buffer = TestImages.Figure(200) });
            var upload = await api.PostAsync($"api/references/characters/{characterId}/images", new APIRequestContextOptions { Multipart = form });
            Assert.Equal(404, upload.Status);
        });

    private static async Task<string> ProjectPathAsync(ILocator projectCard)
    {
        var href = await projectCard.GetAttributeAsync("href");
        Assert.Matches(ProjectHref(), href);
        return "/" + href;
    }

    [GeneratedRegex(@"^projects/\d+$")]
    private static partial Regex ProjectHref();

    [GeneratedRegex(@"/projects/\d+/characters/\d+$")]
    private static partial Regex CharacterUrl();
}

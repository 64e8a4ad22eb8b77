using System.Text.RegularExpressions;
using ExplainerStudio.E2E.Tests.Infrastructure;
using ExplainerStudio.Web.Collaboration.Approvals;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Demo;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ExplainerStudio.E2E.Tests;

/// <summary>The storyboard as a board: a 1,000-shot project windowed by scene, the approval filter, stable cards.</summary>
public sealed class StoryboardBoardTests(StudioFixture studio, ITestOutputHelper output) : IClassFixture<StudioFixture>
{
    private static readonly string ScreenshotFolder = Path.Combine(AppContext.BaseDirectory, "e2e-screenshots");

    [Fact]
    public Task AThousandShotStoryboard_MakesCardsOnlyNearTheScreen_AndKeepsSearchKeyboardDragAndCollapse() =>
        studio.RunAsync(output, nameof(AThousandShotStoryboard_MakesCardsOnlyNearTheScreen_AndKeepsSearchKeyboardDragAndCollapse), async session =>
        {
            var page = await studio.SignInOwnerAsync(session);
            var projectId = await LargeStoryboard.CreateAsync(studio.Services, await OwnerIdAsync(), scenes: 50, shotsPerScene: 20);
            await page.GotoInteractiveAsync($"projects/{projectId}");

            // Only the scenes near the view have cards (components); the others are outlines of the same height, with
            // their titles, made into cards as they come near.
            var scenes = page.GetByTestId("scene");
            await Expect(scenes).ToHaveCountAsync(50);
            await Expect(Card(page, "Shot 1.1").GetByTestId("approval-chip")).ToHaveCountAsync(1);
            var lastScene = scenes.Nth(49);
            await Expect(lastScene).ToHaveAttributeAsync("data-scene-pending", new Regex(@"^\d+$"));
            await Expect(lastScene.Locator("h2")).ToContainTextAsync("Part 50");
            await Expect(lastScene.Locator(".studio-shot-placeholder")).ToHaveCountAsync(20);
            var last = Card(page, "Shot 50.20");
            await Expect(last).ToHaveCountAsync(0);
            var opened = await page.Locator("[data-shot-card]").CountAsync();
            Assert.True(opened < 200, $"{opened} of 1,000 cards were made on opening; only those near the view should be.");
            await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "storyboard-1000-top.png") });

            // Scrolling to a scene makes its cards, drawn in full, in the height its outline held (the page does not jump).
            var outlined = await lastScene.EvaluateAsync<double>("scene => scene.getBoundingClientRect().height");
            await lastScene.ScrollIntoViewIfNeededAsync();
            await Expect(lastScene.Locator("[data-shot-card]")).ToHaveCountAsync(20);
            await last.ScrollIntoViewIfNeededAsync();
            await Expect(last.GetByTestId("approval-chip")).ToHaveCountAsync(1);
            await Expect(lastScene.Locator("[data-shot-lazy]")).ToHaveCountAsync(0);
            var made = await lastScene.EvaluateAsync<double>("scene => scene.getBoundingClientRect().height");
            Assert.True(Math.Abs(made - outlined) <= 0.03 * made, $"The outline of a far scene was {outlined:0} px tall, its cards {made:0} px.");
            await Expect(last).Not.ToHaveAttributeAsync("data-shot-lazy", "true");
            await Expect(lastScene).Not.ToHaveAttributeAsync("data-scene-pending", new Regex("."));
            await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "storyboard-1000-bottom.png") });

            // Ctrl+K finds a line of a shot that is not drawn yet and opens it; its card is drawn and marked.
            var far = Card(page, "Shot 30.7");
            await Expect(far).ToHaveCountAsync(0);
            await page.Keyboard.PressAsync("Control+k");
            await Expect(page.Locator("#quick-search")).ToBeFocusedAsync();
            await page.Keyboard.TypeAsync("Line 7 of part 30:");
            var hit = page.GetByTestId("search-hit").Filter(new() { HasText = "Line 7 of part 30:" });
            await Expect(hit).ToBeVisibleAsync();
            await hit.ClickAsync();
            await Expect(page.GetByTestId("shot-editor-title")).ToHaveTextAsync("Shot: Shot 30.7");
            await Expect(far).ToHaveClassAsync(new Regex(@"\bselected\b"));
            await Expect(far.GetByTestId("approval-chip")).ToHaveCountAsync(1);

            // Keyboard reorder in a scene far down the board: focus follows the shot.
            await scenes.Nth(39).ScrollIntoViewIfNeededAsync();
            var scene40 = scenes.Nth(39).Locator("[data-shot-card] h3");
            await Expect(scene40).ToHaveCountAsync(20);
            await Card(page, "Shot 40.3").FocusAsync();
            await page.Keyboard.PressAsync("Alt+ArrowRight");
            await Expect(scene40.Nth(2)).ToHaveTextAsync("Shot 40.4");
            await Expect(scene40.Nth(3)).ToHaveTextAsync("Shot 40.3");
            await Expect(Card(page, "Shot 40.3")).ToBeFocusedAsync();

            // A collapsed scene far down comes back with its cards, drawn once they are near the view.
            var scene45 = scenes.Nth(44);
            await scene45.ScrollIntoViewIfNeededAsync();
            await scene45.GetByTestId("collapse-scene").ClickAsync();
            await Expect(scene45.Locator("[data-shot-card]")).ToHaveCountAsync(0);
            await scene45.GetByTestId("collapse-scene").ClickAsync();
            await Expect(scene45.Locator("[data-shot-card]")).ToHaveCountAsync(20);
            await scene45.Locator("[data-shot-card]").First.ScrollIntoViewIfNeededAsync();
            await Expect(Card(page, "Shot 45.1").GetByTestId("approval-chip")).ToHaveCountAsync(1);

            // Drag with real mouse moves in that scene.
            await page.DragWithMouseAsync(Card(page, "Shot 45.1"), Card(page, "Shot 45.2"), after: true);
            var scene45Titles = scene45.Locator("[data-shot-card] h3");
            await Expect(scene45Titles.Nth(0)).ToHaveTextAsync("Shot 45.2");
            await Expect(scene45Titles.Nth(1)).ToHaveTextAsync("Shot 45.1");
            await scene45.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "storyboard-1000-scene-45.png") });

            // Both moves were saved.
            await using var context = await Db().CreateDbContextAsync();
            var order = await context.Shots.Where(s => s.Scene!.ProjectId == projectId && (s.Scene.Position == 39 || s.Scene.Position == 44))
                .OrderBy(s => s.Scene!.Position).ThenBy(s => s.Position).Select(s => s.Title).ToListAsync();
            Assert.Equal(["Shot 40.1", "Shot 40.2", "Shot 40.4", "Shot 40.3"], order.Take(4));
            Assert.Equal(["Shot 45.2", "Shot 45.1", "Shot 45.3"], order.Skip(20).Take(3));
        });

    [Fact]
    public Task ApprovalFilter_FoldsScenesWithNoMatchingShot_ToOneLineWithACount() =>
        studio.RunAsync(output, nameof(ApprovalFilter_FoldsScenesWithNoMatchingShot_ToOneLineWithACount), async session =>
        {
            var page = await studio.SignInOwnerAsync(session);
            var ownerId = await OwnerIdAsync();
            var projectId = await studio.Services.GetRequiredService<DemoProjectSeeder>().CreateAsync(ownerId);
            var board = await studio.Services.GetRequiredService<StoryboardService>().GetStoryboardAsync(projectId, ownerId);
            var approved = board.Scenes[1].Shots[1];
            await studio.Services.GetRequiredService<ApprovalService>().SetAsync(approved.Id, ApprovalState.Approved, null, 0, ownerId);
            await page.GotoInteractiveAsync($"projects/{projectId}");

            await page.GetByTestId("approval-filter-box").Locator(".mud-select").First.ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Approved (1)" }).ClickAsync();

            var scenes = page.GetByTestId("scene");
            await Expect(scenes).ToHaveCountAsync(board.Scenes.Count);
            await Expect(scenes.Nth(1).GetByTestId("scene-filter-note")).ToHaveTextAsync("1 of 3 shots match the filter");
            await Expect(scenes.Nth(1).Locator("[data-shot-card]:visible")).ToHaveCountAsync(1);
            foreach (var index in new[] { 0, 2, 3 })
            {
                var scene = scenes.Nth(index);
                await Expect(scene.GetByTestId("scene-filter-note")).ToHaveTextAsync(
                    $"No shots match the filter · {board.Scenes[index].Shots.Count} shot{(board.Scenes[index].Shots.Count == 1 ? "" : "s")} hidden");
                await Expect(scene.Locator("[data-shot-card]")).ToHaveCountAsync(0);
                await Expect(scene.Locator(".studio-shots")).ToHaveCountAsync(0);
            }
            await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "storyboard-approval-filter.png"), FullPage = true });

            await page.GetByTestId("approval-filter-box").Locator(".mud-select").First.ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "All shots" }).ClickAsync();
            await Expect(page.GetByTestId("scene-filter-note")).ToHaveCountAsync(0);
            await Expect(page.Locator("[data-shot-card]:visible")).ToHaveCountAsync(board.Scenes.Sum(s => s.Shots.Count));
        });

    [Fact]
    public Task ReReadingTheBoard_KeepsEachCardsElement() =>
        studio.RunAsync(output, nameof(ReReadingTheBoard_KeepsEachCardsElement), async session =>
        {
            var page = await studio.SignInOwnerAsync(session);
            var ownerId = await OwnerIdAsync();
            var projectId = await studio.Services.GetRequiredService<DemoProjectSeeder>().CreateAsync(ownerId);
            await page.GotoInteractiveAsync($"projects/{projectId}");
            await Card(page, "Start from noise").WaitForHandlersAsync();
            await Card(page, "Start from noise").EvaluateAsync("card => card.__mark = 'before'");

            // Adding a scene re-reads the whole board (every shot a new value); the cards must stay the same elements,
            // or a drag or click under way on one of them is lost.
            await page.Locator("#add-scene").ClickAsync();
            await Expect(page.GetByTestId("scene")).ToHaveCountAsync(5);
            Assert.Equal("before", await Card(page, "Start from noise").EvaluateAsync<string?>("card => card.__mark ?? null"));
        });

    private async Task<string> OwnerIdAsync()
    {
        await using var context = await Db().CreateDbContextAsync();
        return (await context.Users.SingleAsync(u => u.Email == StudioFixture.Owner.Email)).Id;
    }

    private IDbContextFactory<StudioDbContext> Db() => studio.Services.GetRequiredService<IDbContextFactory<StudioDbContext>>();

    private static ILocator Card(IPage page, string title) =>
        page.GetByTestId("shot").Filter(new() { Has = page.Locator("h3", new() { HasTextRegex = new Regex("^" + Regex.Escape(title) + "$") }) });
}

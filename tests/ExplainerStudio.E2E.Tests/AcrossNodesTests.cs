using System.Text.RegularExpressions;
using ExplainerStudio.E2E.Tests.Infrastructure;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Demo;
using ExplainerStudio.Web.Rendering;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ExplainerStudio.E2E.Tests;

/// <summary>
/// Two web nodes on one database and one Redis: a browser on node A follows a render that node B's worker runs and an
/// edit made in a browser on node B, live, without a reload; when Redis goes away its header says so.
/// </summary>
public sealed partial class AcrossNodesTests(LiveNodesFixture nodes, ITestOutputHelper output) : IClassFixture<LiveNodesFixture>
{
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "across-nodes");
    private static readonly TestAccount Owner = new("Olivia Owner", "owner@studio.test", "owner-pass-1234");

    [Fact]
    public async Task BrowserOnNodeA_SeesAnEditMadeOnNodeB_AndProgressOfARenderNodeBRuns_AndARedisOutage()
    {
        var onA = await nodes.NewPageAsync(nodes.NodeA);
        var onB = await nodes.NewPageAsync(nodes.NodeB);
        try
        {
            await StudioAccounts.SetUpFirstAccountAsync(onA, Owner);
            await StudioAccounts.SignInAsync(onB, Owner);
            var projectId = await ProjectAsync();
            await onA.GotoInteractiveAsync($"projects/{projectId}");
            await onB.GotoInteractiveAsync($"projects/{projectId}");
            Assert.Equal(nodes.NodeA.Port, new Uri(onA.Url).Port);
            // Every text the render badge on A shows, however briefly, so a fast render's progress is not missed.
            await onA.EvaluateAsync("""
                () => {
                    window.__badges = [];
                    window.__sameDocument = true;
                    const seen = () => document.querySelectorAll('[data-testid=render-badge]').forEach(b => window.__badges.push(b.textContent.trim()));
                    new MutationObserver(seen).observe(document.body, { subtree: true, childList: true, characterData: true });
                }
                """);

            await onB.GetByTestId("shot").First.ClickInteractiveAsync();
            await onB.Locator("#shot-title").FillAsync("Retitled on node B");
            await onB.Locator("#save-shot").ClickAsync();
            await Expect(onB.Locator(".mud-snackbar").Filter(new() { HasText = "Shot saved" })).ToBeVisibleAsync();
            await Expect(onA.GetByTestId("shot").Filter(new() { HasText = "Retitled on node B" })).ToHaveCountAsync(1);

            await onB.GetByTestId("generate-shot").First.ClickAsync();
            await Expect(onA.GetByTestId("render-badge")).ToHaveTextAsync("rendered", new() { Timeout = 120_000 });
            await onA.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "node-a-after-render.png"), FullPage = true });

            var badges = await onA.EvaluateAsync<string[]>("() => window.__badges");
            output.WriteLine("Badges on node A: " + string.Join(" | ", badges.Distinct()));
            Assert.Contains(badges, b => Progress().IsMatch(b));
            Assert.True(await onA.EvaluateAsync<bool>("() => window.__sameDocument === true"), "Node A's page was reloaded.");
            await using var db = await nodes.ServicesA.GetRequiredService<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync();
            var job = await db.RenderJobs.AsNoTracking().SingleAsync(j => j.ProjectId == projectId);
            Assert.Equal(RenderJobStatus.Succeeded, job.Status);

            // Redis goes away: node A's page stays usable and its header says that other nodes' updates are not arriving.
            await Expect(onA.GetByTestId("live-degraded")).ToHaveCountAsync(0);
            await nodes.StopRedisAsync();
            await Expect(onA.GetByTestId("live-degraded")).ToHaveTextAsync("live updates across nodes degraded");
            await onA.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "node-a-redis-down.png") });
        }
        catch
        {
            foreach (var (page, name) in new[] { (onA, "failed-node-a"), (onB, "failed-node-b") })
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
            }
            throw;
        }
        finally
        {
            await onA.Context.CloseAsync();
            await onB.Context.CloseAsync();
        }
    }

    /// <summary>
    /// The demo project cut to one short shot, rendered small and fast (previz, a few steps, 4 fps), yet with enough
    /// frames (16) that some of its steps reach node A's page apart from the start and the end even on a busy machine.
    /// </summary>
    private async Task<int> ProjectAsync()
    {
        using var scope = nodes.ServicesA.CreateScope();
        var ownerId = (await scope.ServiceProvider.GetRequiredService<UserManager<StudioUser>>().FindByEmailAsync(Owner.Email))!.Id;
        var projectId = await nodes.ServicesA.GetRequiredService<DemoProjectSeeder>().CreateAsync(ownerId);
        await using var db = await nodes.ServicesA.GetRequiredService<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync();
        (await db.Projects.SingleAsync(p => p.Id == projectId)).FrameRate = 4;
        var shots = await db.Shots.Where(s => s.Scene!.ProjectId == projectId).OrderBy(s => s.Scene!.Position).ThenBy(s => s.Position).ToListAsync();
        db.Shots.RemoveRange(shots.Skip(1));
        shots[0].DurationSeconds = 4;
        shots[0].Steps = 8;
        await db.SaveChangesAsync();
        return projectId;
    }

    [GeneratedRegex("^rendering [1-9][0-9]?%$")]
    private static partial Regex Progress();
}

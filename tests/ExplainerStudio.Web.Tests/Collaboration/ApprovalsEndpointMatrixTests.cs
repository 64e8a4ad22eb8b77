using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Collaboration.Approvals;

namespace ExplainerStudio.Web.Tests.Collaboration;

/// <summary>
/// The same matrix over HTTP, signed in as each member: the new approval and activity endpoints and the existing
/// state-changing ones answer 404 to a non-member, 403 to a member whose role is too low (changing nothing), and
/// their normal answer to everyone whose role is enough.
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class ApprovalsEndpointMatrixTests(StudioFixture studio)
{
    private StudioFactory Factory => studio.Factory;

    private sealed record Endpoint(string Name, ProjectRole Minimum, HttpStatusCode Success, Func<ApprovalsTeam, Task<Func<HttpClient, Task<HttpResponseMessage>>>> Arrange);

    private IEnumerable<Endpoint> Endpoints() =>
    [
        new("GET approvals", ProjectRole.Viewer, HttpStatusCode.OK, team => Request(c => c.GetAsync($"/api/projects/{team.ProjectId}/approvals"))),
        new("GET a shot's approval", ProjectRole.Viewer, HttpStatusCode.OK, async team =>
        {
            var shot = await team.NewShotAsync("read");
            return c => c.GetAsync($"/api/shots/{shot.Id}/approval");
        }),
        new("PUT submit for review", ProjectRole.Editor, HttpStatusCode.OK, async team =>
        {
            var shot = await team.NewShotAsync("submit");
            return c => c.PutAsJsonAsync($"/api/shots/{shot.Id}/approval", new { state = (int)ApprovalState.InReview, version = 0 });
        }),
        new("PUT approve", ProjectRole.Reviewer, HttpStatusCode.OK, async team =>
        {
            var shot = await team.NewShotAsync("approve");
            return c => c.PutAsJsonAsync($"/api/shots/{shot.Id}/approval", new { state = (int)ApprovalState.Approved, note = "Good.", version = 0 });
        }),
        new("PUT request changes", ProjectRole.Reviewer, HttpStatusCode.OK, async team =>
        {
            var shot = await team.NewShotAsync("changes");
            return c => c.PutAsJsonAsync($"/api/shots/{shot.Id}/approval", new { state = (int)ApprovalState.ChangesRequested, note = "Slower pan.", version = 0 });
        }),
        new("GET activity", ProjectRole.Viewer, HttpStatusCode.OK, team => Request(c => c.GetAsync($"/api/projects/{team.ProjectId}/activity?kind=Edit"))),
        new("GET a shot's history", ProjectRole.Viewer, HttpStatusCode.OK, async team =>
        {
            var shot = await team.NewShotAsync("history");
            return c => c.GetAsync($"/api/shots/{shot.Id}/history");
        }),
        new("POST restore", ProjectRole.Editor, HttpStatusCode.OK, async team =>
        {
            var shot = await team.NewShotAsync("restore");
            var version = await team.Board.Service.UpdateShotAsync(Storyboard.EditOf(shot) with { DurationSeconds = 9 }, team.Owner.Id);
            var created = (await Factory.Get<ExplainerStudio.Web.Collaboration.Activity.ActivityService>().ShotHistoryAsync(shot.Id, team.Owner.Id))[^1].Id;
            return c => c.PostAsJsonAsync($"/api/shots/{shot.Id}/restore", new { entryId = created, version });
        }),
        new("POST reference image", ProjectRole.Editor, HttpStatusCode.Created, async team =>
        {
            var characterId = await team.Board.Characters.CreateAsync(team.ProjectId, team.Owner.Id, "C" + Guid.NewGuid().ToString("N")[..6], "");
            return c => c.PostAsync($"/api/references/characters/{characterId}/images", ImageForm());
        }),
        new("POST invitation", ProjectRole.Owner, HttpStatusCode.OK, team => Request(c => c.PostAsJsonAsync($"/api/projects/{team.ProjectId}/invitations", new { role = 0 }))),
        new("DELETE invitation", ProjectRole.Owner, HttpStatusCode.NoContent, async team =>
        {
            var invitation = await Factory.Get<InvitationService>().CreateAsync(team.ProjectId, ProjectRole.Viewer, team.Owner.Id);
            return c => c.DeleteAsync($"/api/invitations/{invitation.Id}");
        }),
        new("DELETE music", ProjectRole.Editor, HttpStatusCode.NoContent, team => Request(c => c.DeleteAsync($"/api/projects/{team.ProjectId}/music"))),
        // Refused as input after the access check, so no export runs.
        new("POST export", ProjectRole.Editor, HttpStatusCode.BadRequest, team => Request(c => c.PostAsJsonAsync($"/api/projects/{team.ProjectId}/exports",
            new { resolution = 999, aspect = 0, fit = 0, subtitles = 0 }))),
        new("POST render, then cancel it", ProjectRole.Editor, HttpStatusCode.OK, async team =>
        {
            var shot = await team.NewShotAsync("render");
            return async c =>
            {
                var queued = await c.PostAsync($"/api/shots/{shot.Id}/render", null);
                if (queued.StatusCode != HttpStatusCode.Accepted)
                {
                    return queued;
                }
                var jobId = (await queued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetInt32();
                var cancelled = await c.PostAsync($"/api/render/jobs/{jobId}/cancel", null);
                using var stopped = new CancellationTokenSource(TimeSpan.FromMinutes(2));
                while ((await c.GetFromJsonAsync<JsonElement>($"/api/render/jobs/{jobId}", stopped.Token)).GetProperty("status").ToString() is "Queued" or "Running" or "0" or "1")
                {
                    await Task.Delay(50, stopped.Token);
                }
                return cancelled;
            };
        }),
    ];

    [Fact]
    public async Task EveryEndpoint_AnswersEachRoleAsItsRoleAllows()
    {
        var team = await ApprovalsTeam.CreateAsync(Factory);
        var clients = new Dictionary<string, StudioBrowser>();
        foreach (var person in ApprovalsTeam.Roles)
        {
            clients[person] = await StudioBrowser.SignInAsync(Factory, team.People[person].Email!, ApprovalsTeam.Password);
        }
        var failures = new List<string>();
        try
        {
            foreach (var endpoint in Endpoints())
            {
                foreach (var person in ApprovalsTeam.Roles)
                {
                    var send = await endpoint.Arrange(team);
                    var allowed = ApprovalsTeam.Allows(person, endpoint.Minimum);
                    var before = allowed ? null : await DatabaseSnapshot.TakeAsync(Factory);
                    using var response = await send(clients[person].Client);
                    var expected = allowed ? endpoint.Success : person == "outsider" ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden;
                    if (response.StatusCode != expected)
                    {
                        failures.Add($"{endpoint.Name} as {person}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }
                    if (before is not null)
                    {
                        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
                    }
                }
            }
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task ApprovalPut_BasedOnAnOutdatedVersion_Answers409_AndKeepsTheOtherDecision()
    {
        var team = await ApprovalsTeam.CreateAsync(Factory);
        var shot = await team.NewShotAsync("raced");
        using var reviewer = await StudioBrowser.SignInAsync(Factory, team.People["reviewer"].Email!, ApprovalsTeam.Password);
        await Factory.Get<ApprovalService>().SetAsync(shot.Id, ApprovalState.Approved, null, 0, team.Owner.Id);

        var response = await reviewer.Client.PutAsJsonAsync($"/api/shots/{shot.Id}/approval", new { state = (int)ApprovalState.ChangesRequested, note = "No.", version = 0 });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("changed by someone else", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ApprovalState.Approved, (await Factory.Get<ApprovalService>().GetAsync(shot.Id, team.Owner.Id)).State);
    }

    private static Task<Func<HttpClient, Task<HttpResponseMessage>>> Request(Func<HttpClient, Task<HttpResponseMessage>> send) => Task.FromResult(send);

    private static MultipartFormDataContent ImageForm()
    {
        var file = new ByteArrayContent(TestImages.Png(32, 32, seed: 5));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return new MultipartFormDataContent { { file, "file", "ref.png" } };
    }
}

using ExplainerStudio.Web.Characters;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Collaboration.Comments;
using ExplainerStudio.Web.Collaboration.Activity;
using ExplainerStudio.Web.Components;
using ExplainerStudio.Web.Components.Account;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Demo;
using ExplainerStudio.Web.Hosting;
using ExplainerStudio.Web.Live;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Review;
using ExplainerStudio.Web.Storyboards;
using ExplainerStudio.Web.Timeline;

if (await StudioCommands.TryRunAsync(args) is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // wwwroot/ and appsettings.json live at the repository root (or the published folder), not in the project.
    ContentRootPath = StudioPaths.FindContentRoot(AppContext.BaseDirectory),
});

builder.AddStudioHosting();
builder.Services.AddStudioData();
builder.Services.AddStudioAccounts();
builder.Services.AddStudioMedia();
builder.Services.AddCollaboration();
builder.Services.AddApprovalsAndActivity();
builder.Services.AddStoryboards();
builder.Services.AddCharacters();
builder.Services.AddDemoProject();
builder.Services.AddGeneration();
builder.Services.AddRendering();
builder.Services.AddTimeline();
builder.Services.AddReview();
builder.Services.AddDiscussion();
builder.Services.AddLive();
builder.Services.AddStudioUi();

var app = builder.Build();

await app.Services.GetRequiredService<StudioDatabase>().InitializeAsync();

app.UseStudioPipeline();
app.MapStudioEndpoints();

app.Run();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;

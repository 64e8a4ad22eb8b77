using ExplainerStudio.Web.Characters;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Collaboration.Activity;
using ExplainerStudio.Web.Components;
using ExplainerStudio.Web.Components.Account;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Review;
using ExplainerStudio.Web.Storyboards;
using ExplainerStudio.Web.Timeline;
using Microsoft.Extensions.FileProviders;
using MudBlazor;
using MudBlazor.Services;

namespace ExplainerStudio.Web.Hosting;

public static class HostingExtensions
{
    public const long CircuitMessageLimitBytes = 2 * 1024 * 1024;

    public static WebApplicationBuilder AddStudioHosting(this WebApplicationBuilder builder)
    {
        // Package and framework assets (_content/MudBlazor, _framework/blazor.web.js) are served from the build output in
        // every environment, not only Development (./studio.sh start runs the Release build output); a published build
        // has them under wwwroot instead and this is a no-op there.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.AddStudioSecurity();
        return builder;
    }

    public static IServiceCollection AddStudioUi(this IServiceCollection services)
    {
        // Every edit travels from the browser as one circuit message; SignalR's 32 KB default would drop the
        // connection on a 20,000-character description in a non-Latin script or a pasted script near the import
        // limit (512 KB), losing the edit. 2 MB covers both with room for JSON escaping.
        services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(options => options.MaximumReceiveMessageSize = CircuitMessageLimitBytes);
        services.AddMudServices(options =>
        {
            // Bottom left, away from the page actions at the top right; errors stay until dismissed (see
            // StudioComponentBase), everything else fades after a few seconds.
            options.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomLeft;
            options.SnackbarConfiguration.PreventDuplicates = false;
            options.SnackbarConfiguration.ShowCloseIcon = true;
            options.SnackbarConfiguration.VisibleStateDuration = 4000;
            options.SnackbarConfiguration.MaxDisplayedSnackbars = 4;
        });
        return services;
    }

    public static WebApplication UseStudioPipeline(this WebApplication app)
    {
        app.UseStudioSecurity();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        // Build-time client libraries (the SignalR browser client), next to the binaries.
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "lib")),
            RequestPath = "/lib",
        });
        app.UseStaticFiles();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapStudioEndpoints(this WebApplication app)
    {
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapInvitationEndpoints();
        app.MapApprovalsAndActivity();
        app.MapReferenceImageEndpoints();
        app.MapStoryboardEndpoints();
        app.MapRendering();
        app.MapTimelineEndpoints();
        app.MapReview();
        return app;
    }
}

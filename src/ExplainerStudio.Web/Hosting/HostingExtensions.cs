using ExplainerStudio.Web.Characters;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Components;
using ExplainerStudio.Web.Components.Account;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Storyboards;
using ExplainerStudio.Web.Timeline;
using Microsoft.Extensions.FileProviders;
using Radzen;

namespace ExplainerStudio.Web.Hosting;

public static class HostingExtensions
{
    public static WebApplicationBuilder AddStudioHosting(this WebApplicationBuilder builder)
    {
        // Package assets (_content/Radzen.Blazor) are served from the build output in every environment, not only
        // Development; a published build has them under wwwroot instead and this is a no-op there.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.AddStudioSecurity();
        return builder;
    }

    public static IServiceCollection AddStudioUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddRadzenComponents();
        services.AddRadzenCookieThemeService(options =>
        {
            options.Name = "ExplainerStudio.Theme";
            options.Duration = TimeSpan.FromDays(365);
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

        // The Blazor client script is extracted at build time next to the binaries (see the web project file).
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "_framework")),
            RequestPath = "/_framework",
        });
        // Build-time client libraries (the SignalR browser client), next to the binaries like the Blazor script.
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
        app.MapReferenceImageEndpoints();
        app.MapStoryboardEndpoints();
        app.MapRendering();
        app.MapTimelineEndpoints();
        return app;
    }
}

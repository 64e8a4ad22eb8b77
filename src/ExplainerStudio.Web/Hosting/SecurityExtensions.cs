using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Hosting;

public static class SecurityExtensions
{
    public static WebApplicationBuilder AddStudioSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityOptions>()
            .BindConfiguration(SecurityOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<SecurityOptions>>((forwarded, security) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies: the defaults (loopback) would let any local process claim TLS.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in security.Value.TrustedProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        builder.Services.AddOptions<HstsOptions>().Configure<IOptions<SecurityOptions>>((hsts, security) =>
        {
            hsts.MaxAge = TimeSpan.FromDays(security.Value.HstsMaxAgeDays);
            hsts.IncludeSubDomains = false;
        });
        return builder;
    }

    /// <summary>First in the pipeline: the real scheme and client, the security headers, HSTS over TLS, the origin check.</summary>
    public static WebApplication UseStudioSecurity(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }
        app.UseStudioSecurityHeaders();
        // HSTS only on HTTPS responses (the middleware skips plain HTTP and localhost).
        app.UseHsts();
        app.UseMiddleware<CrossOriginRequestGuard>();
        return app;
    }
}

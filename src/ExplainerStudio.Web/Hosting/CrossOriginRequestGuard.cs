using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Hosting;

/// <summary>
/// Refuses state-changing requests (anything but GET, HEAD, OPTIONS, TRACE) that a browser sent from another origin:
/// a form on another site, or on another port of the same host, would otherwise ride on the user's cookie. Browsers
/// say where a request comes from (Sec-Fetch-Site, Origin); a request with neither is not from a browser page and
/// carries no ambient credentials worth forging, so it passes. Origins in Security:AllowedOrigins pass too.
/// </summary>
public sealed class CrossOriginRequestGuard(RequestDelegate next, IOptions<SecurityOptions> options, ILogger<CrossOriginRequestGuard> logger)
{
    private readonly HashSet<string> _allowed = options.Value.AllowedOrigins.ToHashSet(StringComparer.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext context)
    {
        if (IsSafe(context.Request.Method) || IsSameOrigin(context.Request))
        {
            await next(context);
            return;
        }
        logger.LogWarning("Refused a cross-origin {Method} {Path} from {Origin}", context.Request.Method, context.Request.Path,
            context.Request.Headers.Origin.ToString() is { Length: > 0 } origin ? origin : context.Request.Headers["Sec-Fetch-Site"].ToString());
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await context.Response.WriteAsJsonAsync(new
        {
            title = "Cross-origin request refused",
            status = 403,
            detail = "This change was sent from a page of another site or port. Make it from the studio's own pages, or add that origin to Security:AllowedOrigins.",
        });
    }

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    private bool IsSameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            // The opaque "null" origin (sandboxed frames, file:// pages, some redirects) is never the studio.
            return string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase) || _allowed.Contains(origin);
        }
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        // "none" is the user's own action (typed address, bookmark); "same-site" is another port or subdomain.
        return site.Length == 0 || site is "same-origin" or "none";
    }
}

using System.Security.Cryptography;

namespace ExplainerStudio.Web.Hosting;

/// <summary>
/// The headers every response carries. Scripts run only from the studio's own files (blazor.web.js needs no eval);
/// a page that must inline a script gives it <see cref="NonceItem"/>'s value as its nonce. Styles allow inline
/// style attributes because the component library positions popovers and sets theme variables with them; style
/// sheets still come only from the studio. Nothing may frame the studio.
/// </summary>
public static class ContentSecurityPolicy
{
    /// <summary>The HttpContext.Items key of this response's script nonce.</summary>
    public const string NonceItem = "ExplainerStudio.CspNonce";

    public static string For(string nonce) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; " +
        "media-src 'self' blob:; " +
        "font-src 'self' data:; " +
        // 'self' covers the circuit's and the hubs' WebSockets on the same host (CSP level 3).
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    public static IApplicationBuilder UseStudioSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceItem] = nonce;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = For(nonce);
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    });
}

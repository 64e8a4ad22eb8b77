using System.ComponentModel.DataAnnotations;
using System.Net;

namespace ExplainerStudio.Web.Hosting;

/// <summary>The web edge: which reverse proxies are trusted, which other origins may change state, HSTS.</summary>
public sealed class SecurityOptions : IValidatableObject
{
    public const string SectionName = "Security";

    /// <summary>
    /// IP addresses of the reverse proxies whose X-Forwarded-For / X-Forwarded-Proto headers the studio believes
    /// (TLS ends at the proxy; the forwarded scheme makes cookies Secure and turns HSTS on). Empty: no proxy is
    /// trusted and forwarded headers are ignored.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Origins other than the studio's own (e.g. "https://studio.example.com") allowed to send state-changing requests.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    [Range(0, 3650)]
    public int HstsMaxAgeDays { get; set; } = 365;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in TrustedProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"Security:TrustedProxies has '{proxy}', which is not an IP address.");
        }
        foreach (var origin in AllowedOrigins.Where(o => !Uri.TryCreate(o, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/" || o.EndsWith('/')))
        {
            yield return new ValidationResult($"Security:AllowedOrigins has '{origin}'; write an origin as scheme://host[:port], with no path.");
        }
    }
}

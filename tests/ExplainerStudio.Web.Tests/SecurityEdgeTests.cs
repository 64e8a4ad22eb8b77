using System.Net;
using ExplainerStudio.Web.Tests.Rendering;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Tests;

public sealed class SecurityEdgeTests : IDisposable
{
    private readonly RenderStudio _studio = new(new Dictionary<string, string?>
    {
        ["Rendering:RunWorkers"] = "false",
        ["Security:TrustedProxies:0"] = "10.1.2.3",
    });

    public void Dispose() => _studio.Dispose();

    [Theory]
    [InlineData("Origin", "http://localhost:5001")]
    [InlineData("Origin", "http://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    public async Task FormPostedFromAnotherOrigin_IsRefused_AndCreatesNoRenderJob(string header, string value)
    {
        var (client, shotId) = await EditorAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/shots/{shotId}/render")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["seed"] = "New" }),
        };
        request.Headers.Add(header, value);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("another site or port", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var context = _studio.Db();
        Assert.Empty(await context.RenderJobs.ToListAsync());
    }

    [Fact]
    public async Task PostFromTheStudiosOwnPage_IsAccepted()
    {
        var (client, shotId) = await EditorAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/shots/{shotId}/render");
        request.Headers.Add("Origin", "http://localhost");
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await using var context = _studio.Db();
        Assert.Single(await context.RenderJobs.ToListAsync());
    }

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/api/projects")]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string path)
    {
        using var client = _studio.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(path);

        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self' 'nonce-", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task BehindATrustedTlsProxy_HstsIsSentAndCookiesAreSecure()
    {
        var context = await _studio.Server.SendAsync(http =>
        {
            http.Connection.RemoteIpAddress = IPAddress.Parse("10.1.2.3");
            http.Request.Method = "GET";
            http.Request.Path = "/Account/Login";
            http.Request.Host = new Microsoft.AspNetCore.Http.HostString("studio.example");
            http.Request.Headers["X-Forwarded-Proto"] = "https";
            http.Request.Headers["X-Forwarded-For"] = "203.0.113.9";
        });

        Assert.StartsWith("max-age=", context.Response.Headers.StrictTransportSecurity.ToString(), StringComparison.Ordinal);
        var cookies = context.Response.Headers.SetCookie.ToArray();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ForwardedHeadersFromAnUntrustedAddress_AreIgnored()
    {
        var context = await _studio.Server.SendAsync(http =>
        {
            http.Connection.RemoteIpAddress = IPAddress.Parse("198.51.100.7");
            http.Request.Method = "GET";
            http.Request.Path = "/Account/Login";
            http.Request.Host = new Microsoft.AspNetCore.Http.HostString("studio.example");
            http.Request.Headers["X-Forwarded-Proto"] = "https";
        });

        Assert.Equal("", context.Response.Headers.StrictTransportSecurity.ToString());
        Assert.All(context.Response.Headers.SetCookie.ToArray(), c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    private async Task<(HttpClient Client, int ShotId)> EditorAsync()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (_, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 1);
        return (_studio.ClientFor(owner), shots[0]);
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ExplainerStudio.Web.Tests;

/// <summary>
/// An HTTP client that behaves like a browser without JavaScript: it keeps cookies, does not follow redirects (tests
/// look at each one), and fills in the account pages' server-rendered forms with their antiforgery token.
/// </summary>
internal sealed partial class StudioBrowser(HttpClient client) : IDisposable
{
    public HttpClient Client { get; } = client;

    public static StudioBrowser Open(StudioFactory factory) =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>Signs in through the login form, as a person would; fails the test unless the studio redirects home.</summary>
    public static async Task<StudioBrowser> SignInAsync(StudioFactory factory, string email, string password)
    {
        var browser = Open(factory);
        var response = await browser.SubmitFormAsync("/Account/Login", "login", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", browser.RedirectPath(response));
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("ExplainerStudio.Auth=", StringComparison.Ordinal));
        return browser;
    }

    /// <summary>Loads the page, checks that its form has every field, and posts the form back.</summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(string path, string formName, Dictionary<string, string> fields)
    {
        var page = await Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains($"name=\"_handler\" value=\"{formName}\"", html, StringComparison.Ordinal);
        foreach (var field in fields.Keys)
        {
            Assert.Contains($"name=\"{field}\"", html, StringComparison.Ordinal);
        }

        var form = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = AntiforgeryToken(html),
        };
        return await Client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    /// <summary>Where a redirect points, as a path and query on this studio.</summary>
    public string RedirectPath(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"{response.StatusCode} has no Location.");
        var absolute = location.IsAbsoluteUri ? location : new Uri(Client.BaseAddress!, location);
        Assert.Equal(Client.BaseAddress!.Authority, absolute.Authority);
        return absolute.PathAndQuery;
    }

    public static string AntiforgeryToken(string html)
    {
        var match = TokenInput().Match(html);
        Assert.True(match.Success, "The page has no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups["token"].Value);
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"(?<token>[^\"]+)\"")]
    private static partial Regex TokenInput();
}

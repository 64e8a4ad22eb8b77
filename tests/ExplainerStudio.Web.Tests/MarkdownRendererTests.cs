using ExplainerStudio.Web.Storyboards;

namespace ExplainerStudio.Web.Tests;

public sealed class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();

    [Fact]
    public void Markdown_IsRendered()
    {
        var html = _renderer.ToHtml("Ada is **bold** and *warm*.\n\n- step 1\n- step 2\n\n[docs](https://example.com/a?b=1)");

        Assert.Contains("<strong>bold</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<em>warm</em>", html, StringComparison.Ordinal);
        Assert.Contains("<li>step 2</li>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.com/a?b=1\">docs</a>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Hello <script>alert(1)</script> there")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    public void RawHtml_IsEscaped_NotPassedThrough(string markdown)
    {
        var html = _renderer.ToHtml(markdown);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JavaScript:alert(1))")]
    [InlineData("[click](jav&#x61;script:alert(1))")]
    [InlineData("[click](vbscript:msgbox(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("![pic](javascript:alert(1))")]
    [InlineData("[click][evil]\n\n[evil]: javascript:alert(1)")]
    [InlineData("<javascript:alert(1)>")]
    public void LinksWithUnsafeSchemes_AreNeutralised(string markdown)
    {
        var html = _renderer.ToHtml(markdown);

        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("vbscript:msgbox", html.Replace(">vbscript:", ">", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"data:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void UnsafeAutolink_KeepsItsTextWithoutALink()
    {
        var html = _renderer.ToHtml("See <javascript:alert(1)> now");

        Assert.Equal("<p>See javascript:alert(1) now</p>\n", html);
    }

    [Theory]
    [InlineData("[mail](mailto:ada@example.com)", "mailto:ada@example.com")]
    [InlineData("[page](/projects/1)", "/projects/1")]
    [InlineData("[anchor](#shot-3)", "#shot-3")]
    [InlineData("<https://example.com>", "https://example.com")]
    public void SafeLinks_AreKept(string markdown, string href)
    {
        Assert.Contains($"href=\"{href}\"", _renderer.ToHtml(markdown), StringComparison.Ordinal);
    }

    [Fact]
    public void NullOrEmpty_RendersNothing()
    {
        Assert.Equal("", _renderer.ToHtml(null));
        Assert.Equal("", _renderer.ToHtml(""));
    }
}

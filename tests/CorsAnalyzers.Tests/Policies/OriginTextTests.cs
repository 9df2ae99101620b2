using CorsAnalyzers.Policies;

namespace CorsAnalyzers.Tests.Policies;

/// <summary>
/// OriginText against what ASP.NET Core stores (CorsPolicyBuilder.GetNormalizedOrigin, checked on 10.0.12) and what a
/// browser sends. Each row: the value, how the policy compares it, the verdict, and the rewrite.
/// </summary>
public class OriginTextTests
{
    // xunit theories are public, the parser's types internal: N(ormalized) by WithOrigins, E(xact) in a hand-built CorsPolicy.
    private const bool N = false;
    private const bool E = true;

    [Theory]
    [InlineData("https://app.example.com", N)]
    [InlineData("https://app.example.com", E)]
    [InlineData("http://localhost:3000", N)]
    [InlineData("http://app.example.com:8080", E)]
    [InlineData("HTTPS://App.Example.COM", N)] // WithOrigins lower-cases
    [InlineData("https://xn--bcher-kva.de", E)]
    [InlineData("https://bücher.de/", N)] // IDN: WithOrigins keeps scheme://punycode[:port] only
    [InlineData("https://BÜCHER.de:443/path?q", N)]
    [InlineData(" https://bücher.de", N)]
    [InlineData("http://[::1]:5000/", N)] // IPv6 takes the same Uri path in WithOrigins
    [InlineData("http://[::1]:80", N)]
    [InlineData("http://[::1]", E)]
    [InlineData("chrome-extension://abcdefghijklmnop", N)]
    [InlineData("capacitor://localhost", E)]
    public void Values_browsers_send(string text, bool exact)
    {
        var origin = OriginText.Parse(text, Matching(exact));
        Assert.Equal(OriginKind.Origin, origin.Kind);
        Assert.Equal(OriginProblems.None, origin.Problems);
        Assert.Null(origin.Corrected);
    }

    [Theory]
    [InlineData("https://app.example.com/", N, (int)OriginProblems.TrailingSlash, "https://app.example.com")]
    [InlineData("https://App.example.com/", N, (int)OriginProblems.TrailingSlash, "https://App.example.com")] // case kept: WithOrigins lower-cases it
    [InlineData("https://app.example.com/login", N, (int)OriginProblems.Path, "https://app.example.com")]
    [InlineData("https://app.example.com?x=1", N, (int)OriginProblems.Query, "https://app.example.com")]
    [InlineData("https://app.example.com/#top", N, (int)OriginProblems.TrailingSlash | (int)OriginProblems.Fragment, "https://app.example.com")]
    [InlineData("https://app.example.com:443", N, (int)OriginProblems.DefaultPort, "https://app.example.com")]
    [InlineData("http://app.example.com:80/", N, (int)OriginProblems.DefaultPort | (int)OriginProblems.TrailingSlash, "http://app.example.com")]
    [InlineData("https://app.example.com:80", N, (int)OriginProblems.None, null)] // a real, non-default port
    [InlineData("https://app.example.com:", N, (int)OriginProblems.EmptyPort, "https://app.example.com")]
    [InlineData("https://app.example.com:0443", N, (int)OriginProblems.PortFormat, "https://app.example.com")]
    [InlineData("https://user@app.example.com", N, (int)OriginProblems.UserInfo, "https://app.example.com")]
    [InlineData(" https://b.example.com", N, (int)OriginProblems.Whitespace, "https://b.example.com")]
    [InlineData("https://b.example.com\t", E, (int)OriginProblems.Whitespace, "https://b.example.com")]
    [InlineData("https://App.example.com", E, (int)OriginProblems.UpperCase, "https://app.example.com")] // a hand-built policy compares as written
    [InlineData("https://bücher.de", E, (int)OriginProblems.NonAsciiHost, "https://xn--bcher-kva.de")]
    [InlineData("http://[::1]:5000/", E, (int)OriginProblems.TrailingSlash, "http://[::1]:5000")]
    public void Values_no_browser_sends_with_their_rewrite(string text, bool exact, int problems, string? corrected)
    {
        var origin = OriginText.Parse(text, Matching(exact));
        if (corrected is null)
        {
            Assert.Equal(OriginKind.Origin, origin.Kind);
            return;
        }

        Assert.Equal(OriginKind.NeverMatches, origin.Kind);
        Assert.Equal((OriginProblems)problems, origin.Problems);
        Assert.Equal(corrected, origin.Corrected);
    }

    [Theory]
    [InlineData("app.example.com", "https://app.example.com")]
    [InlineData("localhost:3000", "http://localhost:3000")]
    [InlineData("//app.example.com/", "https://app.example.com")]
    [InlineData("127.0.0.1:5000", "http://127.0.0.1:5000")]
    public void A_value_without_scheme_never_matches_and_is_not_rewritten(string text, string suggested)
    {
        var origin = OriginText.Parse(text, Matching(N));
        Assert.Equal(OriginKind.NeverMatches, origin.Kind);
        Assert.True(origin.Problems.HasFlag(OriginProblems.MissingScheme));
        Assert.Null(origin.Corrected); // http or https is the developer's call
        Assert.Equal(suggested, origin.Suggested);
    }

    [Theory]
    [InlineData("https://a.example.com,https://b.example.com", new[] { "https://a.example.com", "https://b.example.com" })]
    [InlineData("https://a.example.com; https://b.example.com/", new[] { "https://a.example.com", "https://b.example.com" })]
    [InlineData("https://a.example.com https://b.example.com", new[] { "https://a.example.com", "https://b.example.com" })]
    [InlineData("https://a.example.com, b.example.com", new[] { "https://a.example.com", "b.example.com" })]
    public void A_list_in_one_string_is_split(string text, string[] parts)
    {
        var origin = OriginText.Parse(text, Matching(N));
        Assert.Equal(OriginKind.NeverMatches, origin.Kind);
        Assert.True(origin.Problems.HasFlag(OriginProblems.List));
        Assert.Equal(parts, origin.Parts);
        Assert.Null(origin.Corrected);
    }

    [Fact]
    public void A_trailing_separator_is_a_list_of_one()
    {
        var origin = OriginText.Parse("https://a.example.com,", Matching(N));
        Assert.Equal(OriginKind.NeverMatches, origin.Kind);
        Assert.Equal("https://a.example.com", origin.Corrected);
    }

    [Theory]
    [InlineData("*", N, nameof(OriginKind.Wildcard))]
    [InlineData("*", E, nameof(OriginKind.Wildcard))]
    [InlineData("null", E, nameof(OriginKind.Null))]
    [InlineData("NULL", N, nameof(OriginKind.Null))] // lower-cased by WithOrigins: it allows Origin: null
    [InlineData("NULL", E, nameof(OriginKind.NeverMatches))]
    [InlineData(" *", N, nameof(OriginKind.NeverMatches))]
    [InlineData("null ", N, nameof(OriginKind.NeverMatches))]
    [InlineData("https://*.example.com", N, nameof(OriginKind.WildcardSubdomain))]
    [InlineData("https://*.example.com/", N, nameof(OriginKind.WildcardSubdomain))] // CORS005's business, matched through Uri
    public void Special_values(string text, bool exact, string kind)
    {
        var origin = OriginText.Parse(text, Matching(exact));
        Assert.Equal(kind, origin.Kind.ToString());
        if (kind == nameof(OriginKind.NeverMatches))
        {
            Assert.Null(origin.Corrected); // never rewritten into "*" or "null"
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(",")]
    [InlineData("https://")]
    [InlineData("https://a b")]
    [InlineData("https:/app.example.com")]
    [InlineData("https://app.example.com:99999")]
    [InlineData("https://app.example.com:abc")]
    [InlineData("1https://app.example.com")]
    [InlineData("file:///C:/site/index.html")]
    [InlineData("http://[::1")]
    public void Malformed_values_never_match_and_have_no_rewrite(string text)
    {
        var origin = OriginText.Parse(text, Matching(N));
        Assert.Equal(OriginKind.NeverMatches, origin.Kind);
        Assert.Null(origin.Corrected);
    }

    [Theory]
    [InlineData("http://localhost:3000", true)]
    [InlineData("https://LOCALHOST", true)]
    [InlineData("http://app.localhost:8080", true)]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://127.1.2.3", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("localhost:4200", true)]
    [InlineData("https://localhost.example.com", false)]
    [InlineData("https://127.0.0.1.example.com", false)]
    [InlineData("http://10.0.0.1:3000", false)]
    [InlineData("https://app.example.com", false)]
    public void Loopback_hosts(string text, bool loopback)
    {
        Assert.Equal(loopback, OriginText.Parse(text, Matching(N)).IsLoopback);
    }

    private static OriginMatching Matching(bool exact) => exact ? OriginMatching.Exact : OriginMatching.Normalized;
}

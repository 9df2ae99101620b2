using CorsAnalyzers.RuntimeTests.Harness;
using Xunit.Abstractions;

namespace CorsAnalyzers.RuntimeTests.Browser;

/// <summary>
/// A real browser (headless Chromium) loads a page from http://127.0.0.1:{portA} whose script calls the app of a
/// rule case on http://127.0.0.1:{portB} with fetch, with and without <c>credentials: 'include'</c>, and reports
/// what it could read. The apps are the cases' own non-compliant and fixed apps, with the allowed origin replaced
/// by the page's origin. Before the fix the browser blocks; after it, it reads the response.
/// </summary>
public class BrowserTests(ITestOutputHelper output)
{
    private const string Credentials = "{ credentials: 'include' }";

    /// <summary>null: the browser blocks the response (the fetch promise rejects); a number: the status the page read.</summary>
    public sealed record BrowserCase(string Name, string Case, PageFetch[] Fetches, Dictionary<string, int?> Before, Dictionary<string, int?> After)
    {
        public override string ToString() => Name;
    }

    public static IEnumerable<BrowserCase> All =>
    [
        new("CORS001 wildcard with credentials (AddPolicy): the app never starts; fixed, the credentialed fetch reads",
            "CORS001 AddPolicy: startup exception; fixed by allowing the configured origins",
            [new("credentialed", "/orders", Credentials)],
            Before: new() { ["credentialed"] = null },
            After: new() { ["credentialed"] = 200 }),
        new("CORS001 wildcard with credentials (hand-built policy): 500 without headers; fixed to a wildcard, only the fetch without credentials reads",
            "CORS001 hand-built CorsPolicy: 500 for every request with an Origin",
            [new("plain", "/orders"), new("credentialed", "/orders", Credentials)],
            Before: new() { ["plain"] = null, ["credentialed"] = null },
            After: new() { ["plain"] = 200, ["credentialed"] = null }),
        new("CORS101 UseCors after (implicit) authorization on an [Authorize] endpoint",
            "CORS101 implicit authorization on an [Authorize] endpoint with CORS metadata: even the preflight gets 401",
            [new("plain", "/orders"), new("bearer", "/orders", "{ headers: { 'Authorization': 'Bearer not-a-token' } }")],
            Before: new() { ["plain"] = null, ["bearer"] = null },
            After: new() { ["plain"] = 401, ["bearer"] = 401 }),
        new("CORS004 trailing-slash origin",
            "CORS004 trailing slash never matches",
            [new("plain", "/orders"), new("credentialed", "/orders", Credentials)],
            Before: new() { ["plain"] = null, ["credentialed"] = null },
            After: new() { ["plain"] = 200, ["credentialed"] = null }),
        new("CORS108 missing UseCors (policy defined, never applied)",
            "CORS108 a policy defined but never applied: no CORS headers",
            [new("plain", "/orders")],
            Before: new() { ["plain"] = null },
            After: new() { ["plain"] = 200 }),
        new("CORS105 missing UseCors (endpoints with CORS metadata)",
            "CORS105 RequireCors and [EnableCors] without UseCors: every request gets 500",
            [new("plain", "/a")],
            Before: new() { ["plain"] = null },
            After: new() { ["plain"] = 200 }),
        new("CORS012 PUT with JSON without allowed methods and headers",
            "CORS012 origins only: PUT and JSON preflights get no Allow-Methods / Allow-Headers",
            [new("put-json", "/api/orders/1", """{ method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ product: 'tea', quantity: 1 }) }""")],
            Before: new() { ["put-json"] = null },
            After: new() { ["put-json"] = 200 }),
        new("CORS011 WithMethods(\"put\"): the browser compares Allow-Methods case-sensitively",
            "CORS011 WithMethods(\"put\") fails the PUT preflight",
            [new("put", "/orders/1", "{ method: 'PUT' }")],
            Before: new() { ["put"] = null },
            After: new() { ["put"] = 200 }),
        new("CORS114 SignalR negotiate with credentials",
            "CORS114 SignalR hub under a policy without credentials: negotiate lacks Allow-Credentials",
            [new("negotiate", "/chat/negotiate?negotiateVersion=1", "{ method: 'POST', credentials: 'include', headers: { 'X-Requested-With': 'XMLHttpRequest' } }")],
            Before: new() { ["negotiate"] = null },
            After: new() { ["negotiate"] = 200 }),
        new("CORS201 hand-written '*' with credentials: only the fetch without credentials reads; fixed, the credentialed fetch reads",
            "CORS201 hand-written '*' with credentials: the credentialed answer is one browsers reject",
            [new("plain", "/me"), new("credentialed", "/me", Credentials)],
            Before: new() { ["plain"] = 200, ["credentialed"] = null },
            After: new() { ["plain"] = 200, ["credentialed"] = 200 }),
        new("CORS203 hand-written headers on a 405 preflight: the PUT is never sent; with UseCors it reads",
            "CORS203 hand-written headers: nothing answers the PUT preflight",
            [new("put", "/orders/1", "{ method: 'PUT' }")],
            Before: new() { ["put"] = null },
            After: new() { ["put"] = 200 }),
    ];

    public static IEnumerable<object[]> Names => All.Select(c => new object[] { c.Name });

    [Fact]
    public void Browser_cases_name_existing_rule_cases() =>
        Assert.All(All, c => Assert.Single(RuleProofs.All, r => r.Name == c.Case));

    [Theory]
    [MemberData(nameof(Names))]
    public Task Before_the_fix_the_browser_blocks(string name) => RunAsync(All.Single(c => c.Name == name), fixedApp: false);

    [Theory]
    [MemberData(nameof(Names))]
    public Task After_the_fix_the_browser_reads(string name) => RunAsync(All.Single(c => c.Name == name), fixedApp: true);

    private async Task RunAsync(BrowserCase browserCase, bool fixedApp)
    {
        var ruleCase = RuleProofs.All.Single(c => c.Name == browserCase.Case);
        await using var page = await PageServer.StartAsync();
        var apiPort = RunningApp.FreePort();
        await using var app = fixedApp
            ? await CaseRunner.StartFixedAsync(ruleCase, page.Origin, apiPort)
            : await CaseRunner.StartBugAsync(ruleCase, page.Origin, apiPort);
        if (fixedApp)
        {
            app.Listens();
        }

        page.ApiPort = apiPort;
        page.Fetches = browserCase.Fetches;
        using var chromium = Chromium.Open(page.Origin + "/");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!page.Report.IsCompleted)
        {
            Assert.False(chromium.HasExited, $"Chromium exited (exit code {(chromium.HasExited ? chromium.ExitCode : 0)}) before the page reported; its output:\n{chromium.Log}");
            Assert.True(DateTime.UtcNow < deadline, $"the page did not report within 60 s; Chromium's log:\n{chromium.Log}");
            await Task.WhenAny(page.Report, Task.Delay(100));
        }

        var seen = await page.Report;
        var expected = fixedApp ? browserCase.After : browserCase.Before;
        var report = string.Join("\n", seen.Select(s => $"  {s.Name}: {(s.Ok ? $"read {s.Status} '{s.Body}'" : $"blocked ({s.Error})")}"));
        output.WriteLine($"page {page.Origin} -> app http://127.0.0.1:{apiPort} ({(fixedApp ? "fixed" : "non-compliant")}{(app.StartupException is null ? "" : ", failed at startup")}):\n{report}");
        Assert.Equal(expected.Keys.Order(), seen.Select(s => s.Name).Order());
        foreach (var s in seen)
        {
            var want = expected[s.Name];
            Assert.True(want is null ? !s.Ok : s.Ok && s.Status == want,
                $"{s.Name}: expected {(want is null ? "blocked" : $"read with status {want}")}; the page saw:\n{report}");
        }
    }
}

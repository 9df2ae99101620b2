using System.Net.Http.Headers;

namespace CorsAnalyzers.RuntimeTests.Harness;

/// <summary>The requests a browser sends for a cross-origin fetch, and what it checks in the answers.</summary>
public static class BrowserRequests
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>The app did not start; the exception (or its inner exceptions) says <paramref name="message"/>.</summary>
    public static Exception FailsAtStartup(this RunningApp app, string message)
    {
        Assert.True(app.StartupException is not null, $"expected the app to fail at startup with '{message}', but it listens on {app.BaseAddress}");
        var all = new List<Exception>();
        for (Exception? e = app.StartupException; e is not null; e = e.InnerException)
        {
            all.Add(e);
            if (e is AggregateException aggregate)
            {
                all.AddRange(aggregate.InnerExceptions);
            }
        }

        Assert.True(all.Any(e => e.Message.Contains(message, StringComparison.Ordinal)), $"expected a startup exception saying '{message}', got:\n{app.StartupException}");
        return all.First(e => e.Message.Contains(message, StringComparison.Ordinal));
    }

    /// <summary>The app logged a line containing <paramref name="text"/> (log lines are written as requests finish: waits up to 5 s).</summary>
    public static async Task Logged(this RunningApp app, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!app.Logs.Lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the app never logged '{text}'; it logged:\n{string.Join("\n", app.Logs.Lines)}");
            await Task.Delay(50);
        }
    }

    /// <summary>The app started and listens.</summary>
    public static void Listens(this RunningApp app) =>
        Assert.True(app.StartupException is null, $"the app failed at startup:\n{app.StartupException}");

    /// <summary>A simple (non-preflighted) request: <c>fetch(url)</c> from <paramref name="origin"/>.</summary>
    public static Task<Answer> Simple(this RunningApp app, string path, string? origin, string method = "GET")
    {
        app.Listens();
        var request = new HttpRequestMessage(new HttpMethod(method), new Uri(app.BaseAddress, path));
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        return SendAsync(request);
    }

    /// <summary>The preflight a browser sends before <c>fetch(url, { method, headers })</c> from <paramref name="origin"/>.</summary>
    public static Task<Answer> Preflight(this RunningApp app, string path, string origin, string method, string? headers = null)
    {
        app.Listens();
        var request = new HttpRequestMessage(HttpMethod.Options, new Uri(app.BaseAddress, path));
        request.Headers.TryAddWithoutValidation("Origin", origin);
        request.Headers.TryAddWithoutValidation("Access-Control-Request-Method", method);
        if (headers is not null)
        {
            request.Headers.TryAddWithoutValidation("Access-Control-Request-Headers", headers);
        }

        return SendAsync(request);
    }

    private static async Task<Answer> SendAsync(HttpRequestMessage request)
    {
        using var response = await Client.SendAsync(request);
        var headers = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!headers.TryGetValue(name, out var list))
            {
                headers[name] = list = [];
            }

            list.AddRange(values);
        }

        return new Answer(request.Method.Method + " " + request.RequestUri!.PathAndQuery, (int)response.StatusCode, headers, await response.Content.ReadAsStringAsync());
    }
}

/// <summary>One response, with the checks a browser makes.</summary>
public sealed record Answer(string Request, int Status, IReadOnlyDictionary<string, List<string>> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var values) ? string.Join(", ", values) : null;

    public int Count(string name) => Headers.TryGetValue(name, out var values) ? values.Count : 0;

    public override string ToString() =>
        $"{Request} -> {Status}\n" + string.Join("\n", Headers.Select(h => $"  {h.Key}: {string.Join(", ", h.Value)}")) + $"\n  body: {Truncate(Body)}";

    private static string Truncate(string body) => body.Length > 300 ? body[..300] + "..." : body;

    public Answer HasStatus(int status)
    {
        Assert.True(Status == status, $"expected status {status}:\n{this}");
        return this;
    }

    /// <summary>The browser lets the page read it: Access-Control-Allow-Origin is the origin (or <c>*</c> when <paramref name="credentials"/> is false).</summary>
    public Answer Allows(string origin, bool credentials = false)
    {
        var allowOrigin = Header("Access-Control-Allow-Origin");
        Assert.True(allowOrigin == origin, $"expected Access-Control-Allow-Origin: {origin}:\n{this}");
        if (credentials)
        {
            Assert.True(Header("Access-Control-Allow-Credentials") == "true", $"expected Access-Control-Allow-Credentials: true:\n{this}");
        }

        return this;
    }

    /// <summary>Access-Control-Allow-Origin: * (readable by any site, without credentials).</summary>
    public Answer AllowsAnyOrigin() => Allows("*");

    /// <summary>No Access-Control-Allow-Origin at all: the browser blocks the response.</summary>
    public Answer Blocked()
    {
        Assert.True(Header("Access-Control-Allow-Origin") is null, $"expected no Access-Control-Allow-Origin:\n{this}");
        return this;
    }

    public Answer HeaderIs(string name, string? value)
    {
        Assert.True(Header(name) == value, $"expected {name}: {value ?? "(absent)"}:\n{this}");
        return this;
    }

    /// <summary>Access-Control-Allow-Methods lists <paramref name="method"/> exactly (browsers compare case-sensitively).</summary>
    public Answer AllowsMethod(string method)
    {
        var methods = (Header("Access-Control-Allow-Methods") ?? "").Split(',', StringSplitOptions.TrimEntries);
        Assert.True(methods.Contains(method, StringComparer.Ordinal), $"expected {method} in Access-Control-Allow-Methods:\n{this}");
        return this;
    }

    public Answer DoesNotAllowMethod(string method)
    {
        var methods = (Header("Access-Control-Allow-Methods") ?? "").Split(',', StringSplitOptions.TrimEntries);
        Assert.True(!methods.Contains(method, StringComparer.Ordinal), $"expected no {method} in Access-Control-Allow-Methods:\n{this}");
        return this;
    }
}

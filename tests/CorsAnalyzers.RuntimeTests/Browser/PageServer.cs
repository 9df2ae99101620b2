using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CorsAnalyzers.RuntimeTests.Browser;

/// <summary>What the page's script saw for one fetch: read (ok) or blocked (the fetch promise rejected).</summary>
public sealed record Seen(string Name, bool Ok, int Status, string Body, string? Error);

/// <summary>One fetch the page makes: <c>fetch(api + path, init)</c>.</summary>
public sealed record PageFetch(string Name, string Path, string InitJson = "{}");

/// <summary>
/// Serves the page (origin http://127.0.0.1:{port}) whose script fetches the API on another port, then posts what it
/// saw back to /report on its own origin.
/// </summary>
public sealed class PageServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource<IReadOnlyList<Seen>> _report = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PageServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public string Origin => $"http://127.0.0.1:{Port}";

    /// <summary>The API the page calls (another port: another origin) and the fetches; settable before the browser loads the page.</summary>
    public int ApiPort { get; set; }

    public IReadOnlyList<PageFetch> Fetches { get; set; } = [];

    public Task<IReadOnlyList<Seen>> Report => _report.Task;

    public static async Task<PageServer> StartAsync()
    {
        var port = Harness.RunningApp.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new PageServer(app, port);
        app.MapGet("/", () => Results.Content(server.Html(), "text/html; charset=utf-8"));
        app.MapGet("/favicon.ico", () => Results.NoContent());
        app.MapPost("/report", async (HttpRequest request) =>
        {
            var seen = await JsonSerializer.DeserializeAsync<List<Seen>>(request.Body, new JsonSerializerOptions(JsonSerializerDefaults.Web));
            server._report.TrySetResult(seen!);
            return Results.NoContent();
        });
        await app.StartAsync();
        return server;
    }

    private string Html()
    {
        var fetches = "[" + string.Join(",", Fetches.Select(f =>
            $"{{ name: {JsonSerializer.Serialize(f.Name)}, path: {JsonSerializer.Serialize(f.Path)}, init: {f.InitJson} }}")) + "]";
        return $$"""
            <!doctype html>
            <html>
            <head><title>CORS runtime test</title></head>
            <body>
            <pre id="out">running</pre>
            <script>
            const api = 'http://127.0.0.1:{{ApiPort}}';
            const fetches = {{fetches}};
            (async () => {
              const results = [];
              for (const f of fetches) {
                try {
                  const response = await fetch(api + f.path, f.init);
                  results.push({ name: f.name, ok: true, status: response.status, body: await response.text(), error: null });
                } catch (e) {
                  results.push({ name: f.name, ok: false, status: 0, body: '', error: String(e) });
                }
              }
              document.getElementById('out').textContent = JSON.stringify(results, null, 2);
              await fetch('/report', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(results) });
            })();
            </script>
            </body>
            </html>
            """;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

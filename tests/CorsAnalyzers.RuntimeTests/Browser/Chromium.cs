using System.Diagnostics;

namespace CorsAnalyzers.RuntimeTests.Browser;

/// <summary>
/// Headless Chromium from the distribution's package (<c>apt-get install chromium</c>; .ci/run installs it), started
/// with a fresh profile on one URL. When it cannot be found or started, the browser tests fail: they never skip.
/// </summary>
public sealed class Chromium : IDisposable
{
    private readonly Process _process;
    private readonly string _profile;
    private readonly System.Text.StringBuilder _stderr = new();

    private Chromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Log
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>CHROMIUM_PATH, else /usr/bin/chromium, else chromium or chromium-browser on PATH.</summary>
    public static string FindExecutable()
    {
        if (Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : throw new InvalidOperationException($"CHROMIUM_PATH is '{configured}', which does not exist");
        }

        var candidates = new List<string>();

        candidates.Add("/usr/bin/chromium");
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            candidates.Add(Path.Combine(folder, "chromium"));
            candidates.Add(Path.Combine(folder, "chromium-browser"));
        }

        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "Chromium was not found (looked at CHROMIUM_PATH, /usr/bin/chromium and PATH). Install it with 'apt-get install -y chromium' (.ci/run does): the browser tests need a real browser.");
    }

    public static Chromium Open(string url)
    {
        var profile = Directory.CreateTempSubdirectory("cors-chromium-").FullName;
        var start = new ProcessStartInfo(FindExecutable())
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", $"--user-data-dir={profile}", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions", "--disable-dev-shm-usage", "--disable-background-networking", url,
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var chromium = new Chromium(process, profile);
        process.ErrorDataReceived += (_, e) => chromium.Append(e.Data);
        process.OutputDataReceived += (_, e) => chromium.Append(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return chromium;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_stderr)
        {
            _stderr.AppendLine(line);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // it exited in between
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // a helper process may still hold a file; the temp folder is cleaned by the OS
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

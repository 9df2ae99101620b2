using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.RuntimeTests.Harness;

/// <summary>
/// One rule's proof: an app whose source is the rule's non-compliant snippet from its analyzer tests (markup
/// <c>{|CORSxxx:...|}</c> where the analyzer tests expect the diagnostic, plus what the app needs to run), what
/// the running app does (<see cref="Bug"/>, checked against what the message claims), and what it does after our
/// code fix (<see cref="Fixed"/>). A rule without a code fix gives <see cref="Compliant"/>, the hand-written
/// compliant version from its rules.md section.
/// </summary>
public sealed record RuntimeCase(string Name, string Rule, string Source)
{
    /// <summary>The origin the cases' sources allow; browser tests replace it with the page's real origin.</summary>
    public const string Origin = "https://app.example.com";

    /// <summary>An origin no policy allows.</summary>
    public const string Evil = "https://evil.example.net";

    /// <summary>The source declares a <c>Startup</c> class; the harness adds a Program that runs it with UseStartup.</summary>
    public bool Startup { get; init; }

    /// <summary>The code fix to apply (its equivalence key); null applies the first one offered, as dotnet format does.</summary>
    public string? FixKey { get; init; }

    /// <summary>For rules without a code fix: the compliant app, hand-written as rules.md shows it.</summary>
    public string? Compliant { get; init; }

    /// <summary>
    /// Text the rule's message must quote for this app, where the message names what the runtime does (an exception
    /// text); the case's <see cref="Bug"/> checks the runtime says the same.
    /// </summary>
    public string[] MessageSays { get; init; } = [];

    /// <summary>Command-line arguments (configuration) for both apps; <c>%ORIGIN%</c> is the allowed origin.</summary>
    public string[] Args { get; init; } = [];

    /// <summary>Arguments for the fixed app when the fix reads configuration differently (e.g. as an array); null: <see cref="Args"/>.</summary>
    public string[]? FixedArgs { get; init; }

    /// <summary>
    /// The app's appsettings files (<c>appsettings.json</c>, <c>appsettings.{Environment}.json</c>), markup allowed: the
    /// analyzers get them as additional files (as the package's build props pass them), and the running app reads them
    /// from its content root, as ASP.NET Core does.
    /// </summary>
    public (string Name, string Text)[] AppSettings { get; init; } = [];

    /// <summary>For rules without a code fix: the compliant app's appsettings files; null: <see cref="AppSettings"/> without markup.</summary>
    public (string Name, string Text)[]? CompliantAppSettings { get; init; }

    /// <summary>Checks the running non-compliant app (or its startup exception).</summary>
    public required Func<RunningApp, Task> Bug { get; init; }

    /// <summary>Checks the running fixed app.</summary>
    public required Func<RunningApp, Task> Fixed { get; init; }

    public override string ToString() => Name;
}

/// <summary>Analyzes, fixes, compiles and starts a case's apps; each app is compiled once per origin.</summary>
public static class CaseRunner
{
    private const string StartupProgram = """
        public static class RuntimeTestProgram
        {
            public static void Main(string[] args) =>
                Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions.Run(
                    Microsoft.Extensions.Hosting.GenericHostBuilderExtensions.ConfigureWebHostDefaults(
                        Microsoft.Extensions.Hosting.Host.CreateDefaultBuilder(args),
                        web => Microsoft.AspNetCore.Hosting.WebHostBuilderExtensions.UseStartup<Startup>(web)).Build());
        }
        """;

    private static readonly ConcurrentDictionary<(string Case, string Origin), Lazy<Task<Prepared>>> Cache = new();
    private static int _counter;

    public sealed record Prepared(byte[] Bug, byte[] Fixed, string FixedSource)
    {
        /// <summary>The flagged app's appsettings files, without markup.</summary>
        public IReadOnlyList<(string Path, string Text)> BugSettings { get; init; } = [];

        /// <summary>The fixed (or compliant) app's appsettings files.</summary>
        public IReadOnlyList<(string Path, string Text)> FixedSettings { get; init; } = [];
    }

    public static Task<Prepared> PrepareAsync(RuntimeCase @case, string origin = RuntimeCase.Origin) =>
        Cache.GetOrAdd((@case.Name, origin), _ => new Lazy<Task<Prepared>>(() => PrepareCoreAsync(@case, origin))).Value;

    public static IEnumerable<string> Args(RuntimeCase @case, string origin, bool fixedApp = false) =>
        new[] { $"--Cors:AllowedOrigins:0={origin}" }
            .Concat((fixedApp ? @case.FixedArgs ?? @case.Args : @case.Args).Select(a => a.Replace("%ORIGIN%", origin, StringComparison.Ordinal)));

    public static async Task<RunningApp> StartBugAsync(RuntimeCase @case, string origin = RuntimeCase.Origin, int port = 0)
    {
        var prepared = await PrepareAsync(@case, origin);
        return await RunningApp.StartAsync(prepared.Bug, Args(@case, origin).Concat(ContentRoot(prepared.BugSettings)), port);
    }

    public static async Task<RunningApp> StartFixedAsync(RuntimeCase @case, string origin = RuntimeCase.Origin, int port = 0)
    {
        var prepared = await PrepareAsync(@case, origin);
        return await RunningApp.StartAsync(prepared.Fixed, Args(@case, origin, fixedApp: true).Concat(ContentRoot(prepared.FixedSettings)), port);
    }

    /// <summary>
    /// Writes the appsettings files into a fresh folder and makes it the app's content root (<c>--contentRoot</c>), where
    /// WebApplication.CreateBuilder and Host.CreateDefaultBuilder read appsettings.json and appsettings.{Environment}.json.
    /// No files: no argument (the content root stays the current directory, as before).
    /// </summary>
    private static IEnumerable<string> ContentRoot(IReadOnlyList<(string Path, string Text)> settings)
    {
        if (settings.Count == 0)
        {
            return [];
        }

        var folder = Path.Combine(SettingsRoot.Value, Interlocked.Increment(ref _counter).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        foreach (var (path, text) in settings)
        {
            File.WriteAllText(Path.Combine(folder, Path.GetFileName(path)), text);
        }

        return [$"--contentRoot={folder}"];
    }

    /// <summary>The folder of this test run's content roots, deleted when the process exits.</summary>
    private static readonly Lazy<string> SettingsRoot = new(() =>
    {
        var root = Path.Combine(Path.GetTempPath(), "CorsAnalyzers.RuntimeTests", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // an app still watching its files; the folder is in the temp directory
            }
            catch (UnauthorizedAccessException)
            {
            }
        };
        return root;
    });

    private static async Task<Prepared> PrepareCoreAsync(RuntimeCase @case, string origin)
    {
        var (source, spans) = Markup.Parse(@case.Source.Replace(RuntimeCase.Origin, origin, StringComparison.Ordinal));
        var files = new List<(string Path, IReadOnlyList<(string Id, TextSpan Span)> Spans)> { ("Program.cs", spans) };
        var bugSettings = new List<(string Path, string Text)>();
        foreach (var (name, markup) in @case.AppSettings)
        {
            var (text, settingSpans) = Markup.Parse(markup.Replace(RuntimeCase.Origin, origin, StringComparison.Ordinal));
            bugSettings.Add((name, text));
            files.Add((name, settingSpans));
        }

        Assert.Contains(files.SelectMany(f => f.Spans), s => s.Id == @case.Rule);

        // 1. The app is the code the rule flags: the analyzer reports exactly the marked spans (in the source and in the appsettings files).
        var bug = Compile(@case, "bug", source);
        var reported = await AppCompiler.AnalyzeAsync(bug, bugSettings);
        foreach (var id in files.SelectMany(f => f.Spans).Select(s => s.Id).Distinct())
        {
            foreach (var (path, fileSpans) in files)
            {
                var expected = fileSpans.Where(s => s.Id == id).Select(s => s.Span).OrderBy(s => s.Start).ToList();
                var actual = reported.Where(d => d.Id == id && d.Location.GetLineSpan().Path == path).Select(d => d.Location.SourceSpan).Distinct().OrderBy(s => s.Start).ToList();
                Assert.True(expected.SequenceEqual(actual), $"{id} in {path}: expected at {string.Join(", ", expected)}, reported at {string.Join(", ", actual)}:\n{string.Join("\n", reported)}");
            }
        }

        foreach (var diagnostic in reported.Where(d => d.Id == @case.Rule))
        {
            foreach (var text in @case.MessageSays)
            {
                Assert.True(diagnostic.GetMessage().Contains(text, StringComparison.Ordinal), $"the {@case.Rule} message does not say '{text}':\n{diagnostic.GetMessage()}");
            }
        }

        // 2. Our code fix (or the hand-written compliant version), after which the rule is silent.
        var (fixedCompilation, fixedSettings) = @case.Compliant is null
            ? await FixAsync(@case, bug, bugSettings)
            : (Compile(@case, "fixed", @case.Compliant.Replace(RuntimeCase.Origin, origin, StringComparison.Ordinal)),
               (@case.CompliantAppSettings ?? @case.AppSettings).Select(f => (f.Name, Markup.Parse(f.Text.Replace(RuntimeCase.Origin, origin, StringComparison.Ordinal)).Source)).ToList());
        var left = (await AppCompiler.AnalyzeAsync(fixedCompilation, fixedSettings)).Where(d => d.Id == @case.Rule).ToList();
        Assert.True(left.Count == 0, $"{@case.Rule} is still reported after the fix:\n{string.Join("\n", left)}\n{fixedCompilation.SyntaxTrees.First()}\n"
            + string.Join("\n", fixedSettings.Select(f => $"// {f.Path}\n{f.Text}")));

        // 3. Both compile.
        return new Prepared(AppCompiler.Emit(bug), AppCompiler.Emit(fixedCompilation), fixedCompilation.SyntaxTrees.First().ToString())
        {
            BugSettings = bugSettings,
            FixedSettings = fixedSettings,
        };
    }

    private static async Task<(Compilation Compilation, IReadOnlyList<(string Path, string Text)> Settings)> FixAsync(
        RuntimeCase @case, Compilation bug, IReadOnlyList<(string Path, string Text)> settings)
    {
        var current = bug;
        for (var round = 0; round < 10; round++)
        {
            var diagnostic = (await AppCompiler.AnalyzeAsync(current, settings)).FirstOrDefault(d => d.Id == @case.Rule);
            if (diagnostic is null)
            {
                break;
            }

            if (diagnostic.Location.Kind == LocationKind.ExternalFile)
            {
                // Reported inside an appsettings file: the fixer edits that additional document.
                settings = await AppCompiler.ApplyAdditionalFileFixAsync(current, settings, diagnostic, @case.FixKey);
                continue;
            }

            var sources = await AppCompiler.ApplyFixAsync(current, diagnostic, @case.FixKey);
            current = AppCompiler.Compile(NextName(@case, "fixed"), sources);
        }

        return (current, settings);
    }

    private static Compilation Compile(RuntimeCase @case, string kind, string source)
    {
        var sources = new List<(string, string)> { ("Program.cs", source) };
        if (@case.Startup)
        {
            sources.Add(("RuntimeTestProgram.cs", StartupProgram));
        }

        return AppCompiler.Compile(NextName(@case, kind), sources);
    }

    private static string NextName(RuntimeCase @case, string kind) =>
        $"{Regex.Replace(@case.Name, "[^A-Za-z0-9]+", "_")}_{kind}_{Interlocked.Increment(ref _counter)}";
}

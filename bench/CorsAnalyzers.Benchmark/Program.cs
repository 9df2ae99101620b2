using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using CorsAnalyzers.Benchmark;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

// Usage: dotnet run -c Release --project bench/CorsAnalyzers.Benchmark [-- --sizes 100,1000,5000 --budget-size 1000]
var sizes = Option("--sizes", "100,1000,5000").Split(',').Select(int.Parse).ToArray();
var budgetSize = int.Parse(Option("--budget-size", "1000"), CultureInfo.InvariantCulture);
var runs = int.Parse(Option("--runs", "3"), CultureInfo.InvariantCulture);
string Metadata(string key) => typeof(CodeBaseGenerator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
var packages = Metadata("NuGetPackageRoot");
var netcore = References(Path.Combine(packages, "microsoft.netcore.app.ref", "10.0.10", "ref", "net10.0"));
var aspnet = netcore.AddRange(References(Path.Combine(packages, "microsoft.aspnetcore.app.ref", "10.0.10", "ref", "net10.0")));
var ours = typeof(CorsAnalyzers.PolicyAnalyzer).Assembly.GetTypes()
    .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
    .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToImmutableArray();
var peerPath = Path.Combine(packages, "microsoft.aspnetcore.app.ref", "10.0.10", "analyzers", "dotnet", "cs", "Microsoft.AspNetCore.App.Analyzers.dll");
var peer = new AnalyzerFileReference(peerPath, new Loader()).GetAnalyzers(LanguageNames.CSharp);

// What else `dotnet build` runs on a web project: the .NET SDK's code-quality analyzers (on by default since .NET 5).
// Some of them read every method's operations. An operation tree is built by the first analyzer that asks for it, and
// the driver runs a block's analyzers in the order csc was given them: for a web project that references our package,
// `dotnet build` passes the .NET SDK analyzers first, then the package's, then the ASP.NET Core targeting pack's
// (seen in the csc command line of samples/CorsSample). The "in a build" run keeps that order.
var netAnalyzers = new[] { "Microsoft.CodeAnalysis.NetAnalyzers.dll", "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll" }
    .SelectMany(dll => new AnalyzerFileReference(Path.Combine(Metadata("NetAnalyzersDirectory"), dll), new Loader()).GetAnalyzers(LanguageNames.CSharp))
    .ToImmutableArray();
var build = (Before: netAnalyzers, After: peer);

Console.WriteLine($"CorsAnalyzers benchmark: {ours.Length} analyzer(s) ({string.Join(", ", ours.Select(a => a.GetType().Name))}), peer: {peer.Length} ASP.NET Core SDK analyzers, in a build also {netAnalyzers.Length} .NET SDK analyzers");
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, Roslyn {typeof(Compilation).Assembly.GetName().Version}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC (the compiler's is server)");
Console.WriteLine($"Times are medians of {runs} runs, analyzers run without concurrency; analyzer times are Roslyn's per-analyzer telemetry.\n");

// Warm up the JIT on a small code base.
await Measure(CodeBaseGenerator.Generate(40, web: true), aspnet, ours, peer, build, runs: 1);

var rows = new List<Row>();
foreach (var size in sizes)
{
    var web = CodeBaseGenerator.Generate(size, web: true);
    var row = await Measure(web, aspnet, ours, peer, build, runs);
    var plain = CodeBaseGenerator.Generate(size, web: false);
    var nonWeb = await Measure(plain, netcore, ours, ImmutableArray<DiagnosticAnalyzer>.Empty, (ImmutableArray<DiagnosticAnalyzer>.Empty, ImmutableArray<DiagnosticAnalyzer>.Empty), runs);
    rows.Add(row with { NonWebOursMs = nonWeb.OursMs, NonWebCompileMs = nonWeb.CompileMs, NonWebDiagnostics = nonWeb.OurDiagnostics });
}

// "alone": our analyzers are the only ones, so they pay for building the operation trees of the blocks they read. "in a
// build": beside the analyzers `dotnet build` runs on every web project (the ASP.NET Core and .NET SDK analyzers), in
// one driver and in the order csc gets them: a tree that the .NET SDK analyzers asked for first is not built again.
Console.WriteLine("| files | lines | compile (ms) | ours alone (ms) | alone/compile | ours in a build (ms) | in a build/compile | ASP.NET SDK analyzers (ms) | ours alone/SDK | ours alone per 1k files (ms) | our allocations (MB) | diagnostics | non-web compile (ms) | ours on non-web (ms) |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var r in rows)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {r.Files} | {r.Lines} | {r.CompileMs:0} | {r.OursMs:0.0} | {r.OursMs / r.CompileMs:P2} | {r.InBuildOursMs:0.0} | {r.InBuildOursMs / r.CompileMs:P2} | {r.PeerMs:0.0} | {r.OursMs / r.PeerMs:P0} | {r.OursMs * 1000 / r.Files:0.0} | {r.OursAllocatedMb:0.0} | {r.OurDiagnostics} | {r.NonWebCompileMs:0} | {r.NonWebOursMs:0.00} |"));
}

var budget = rows.SingleOrDefault(r => r.Files >= budgetSize && r.Files < budgetSize * 2) ?? rows.Last();
var checks = new (string Name, bool Ok, string Detail)[]
{
    ("ours add at most 1% to compile time (in a build, beside the SDK analyzers)", budget.InBuildOursMs <= budget.CompileMs * 0.01, string.Create(CultureInfo.InvariantCulture, $"{budget.InBuildOursMs / budget.CompileMs:P2} at {budget.Files} files ({budget.OursMs / budget.CompileMs:P2} alone)")),
    ("ours alone take less time than the ASP.NET Core SDK analyzers", budget.OursMs < budget.PeerMs, string.Create(CultureInfo.InvariantCulture, $"{budget.OursMs:0.0} ms vs {budget.PeerMs:0.0} ms")),
    ("ours do essentially no work without ASP.NET Core (< 0.05% of compile)", rows.All(r => r.NonWebOursMs <= r.NonWebCompileMs * 0.0005), string.Join(", ", rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.NonWebOursMs:0.00} ms at {r.Files} files")))),
};
Console.WriteLine();
foreach (var (name, ok, detail) in checks)
{
    Console.WriteLine($"{(ok ? "PASS" : "FAIL")}  {name}: {detail}");
}

if (rows.Count >= 2)
{
    var first = rows[0];
    var last = rows[^1];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Growth: {last.Files / (double)first.Files:0}x the files took {last.OursMs / first.OursMs:0.0}x our time ({first.OursMs * 1000 / first.Files:0.0} -> {last.OursMs * 1000 / last.Files:0.0} ms per 1k files)"));
}

return checks.All(c => c.Ok) ? 0 : 1;

static async Task<Row> Measure(IReadOnlyList<(string Path, string Text)> files, ImmutableArray<MetadataReference> references, ImmutableArray<DiagnosticAnalyzer> ours, ImmutableArray<DiagnosticAnalyzer> peer, (ImmutableArray<DiagnosticAnalyzer> Before, ImmutableArray<DiagnosticAnalyzer> After) build, int runs)
{
    var parse = new CSharpParseOptions(LanguageVersion.Latest);
    var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Text, parse, f.Path)).ToImmutableArray();
    var options = new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false);
    Compilation Fresh() => CSharpCompilation.Create("Shop", trees, references, options);

    // Each analysis gets trees parsed anew, as each build does: anything an analyzer keeps per syntax tree (our
    // SourceIndex) is then built in every measured run, not once for all of them.
    Compilation Reparsed() => CSharpCompilation.Create("Shop", files.Select(f => CSharpSyntaxTree.ParseText(f.Text, parse, f.Path)), references, options);

    var compile = new List<double>();
    var oursMs = new List<double>();
    var inBuildMs = new List<double>();
    var peerMs = new List<double>();
    var allocated = new List<double>();
    var diagnostics = 0;
    for (var run = 0; run < runs; run++)
    {
        var stopwatch = Stopwatch.StartNew();
        var emit = Fresh().Emit(Stream.Null);
        compile.Add(stopwatch.Elapsed.TotalMilliseconds);
        if (!emit.Success)
        {
            throw new InvalidOperationException("generated code does not compile: " + emit.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error));
        }

        // Our analyzers alone on a fresh compilation, then the allocations of that run beyond a run with no analyzer work.
        var compilation = Reparsed();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var (ourTime, _, ourDiagnostics) = await AnalyzerTime(compilation, ours, ours);
        var withOurs = GC.GetTotalAllocatedBytes(precise: true) - before;
        compilation = Reparsed();
        before = GC.GetTotalAllocatedBytes(precise: true);
        await AnalyzerTime(compilation, [new IdleAnalyzer()], ours);
        var baseline = GC.GetTotalAllocatedBytes(precise: true) - before;
        oursMs.Add(ourTime);
        allocated.Add(Math.Max(0, withOurs - baseline) / 1024.0 / 1024.0);
        diagnostics = ourDiagnostics;
        if (!peer.IsEmpty)
        {
            peerMs.Add((await AnalyzerTime(Reparsed(), peer, ours)).Others);

            // As in a real build of a web project: ours beside the SDK analyzers, in one driver and in csc's order. Work
            // all need (the binding behind operation trees) is then paid once, by whichever asks first.
            inBuildMs.Add((await AnalyzerTime(Reparsed(), build.Before.AddRange(ours).AddRange(build.After), ours)).Ours);
        }
    }

    return new Row(files.Count, files.Sum(f => f.Text.Count(c => c == '\n') + 1), Median(compile), Median(oursMs), peerMs.Count == 0 ? 0 : Median(peerMs), Median(allocated), diagnostics)
    {
        InBuildOursMs = inBuildMs.Count == 0 ? 0 : Median(inBuildMs),
    };
}

/// <summary>Runs the analyzers on the compilation: the summed telemetry of ours and of the others, and our diagnostics.</summary>
static async Task<(double Ours, double Others, int Diagnostics)> AnalyzerTime(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<DiagnosticAnalyzer> ours)
{
    // In a build the compiler has bound the references before any analyzer runs; without this, whichever analyzer
    // first asks about them (ours ask for the CORS assembly at compilation start) would be charged for that binding.
    _ = compilation.SourceModule.ReferencedAssemblySymbols;
    var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true);
    var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
    var result = await withAnalyzers.GetAnalysisResultAsync(CancellationToken.None);
    var oursTime = result.AnalyzerTelemetryInfo.Where(t => ours.Contains(t.Key)).Sum(t => t.Value.ExecutionTime.TotalMilliseconds);
    var othersTime = result.AnalyzerTelemetryInfo.Where(t => !ours.Contains(t.Key)).Sum(t => t.Value.ExecutionTime.TotalMilliseconds);
    if (Environment.GetEnvironmentVariable("BENCH_BREAKDOWN") == "1")
    {
        foreach (var (analyzer, info) in result.AnalyzerTelemetryInfo)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {analyzer.GetType().Name}: {info.ExecutionTime.TotalMilliseconds:0.0} ms"));
        }
    }

    return (oursTime, othersTime, result.GetAllDiagnostics().Count(d => d.Id.StartsWith("CORS", StringComparison.Ordinal)));
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static ImmutableArray<MetadataReference> References(string folder) =>
    Directory.EnumerateFiles(folder, "*.dll").Order(StringComparer.Ordinal).Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToImmutableArray();

string Option(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

internal sealed record Row(int Files, int Lines, double CompileMs, double OursMs, double PeerMs, double OursAllocatedMb, int OurDiagnostics)
{
    /// <summary>Our time when we run beside the SDK analyzers in one driver, as in a real build.</summary>
    public double InBuildOursMs { get; init; }

    public double NonWebOursMs { get; init; }

    public double NonWebCompileMs { get; init; }

    public int NonWebDiagnostics { get; init; }
}

/// <summary>Loads the SDK's analyzer assembly for the peer measurement.</summary>
internal sealed class Loader : IAnalyzerAssemblyLoader
{
    public void AddDependencyLocation(string fullPath)
    {
    }

    public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
}

/// <summary>
/// Registers the same kinds of actions as ours and does nothing in them: the driver then does the same work for it
/// (compilation events, code blocks, symbols), so the allocations beyond this run are ours.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class IdleAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new("IDLE001", "Never reported", "Never reported", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Never];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            start.RegisterCodeBlockAction(_ => { });
            start.RegisterSymbolAction(_ => { }, SymbolKind.NamedType);
            start.RegisterCompilationEndAction(_ => { });
        });
    }
}

using CorsAnalyzers.Benchmark;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Tests.Robustness;

/// <summary>
/// The three analyzers judge each block once between them (<see cref="BlockGate"/>): the first keeps its verdict on the
/// thread and the others read it back. Each analyzer run alone must then find exactly what it finds beside the others.
/// </summary>
public class BlockGateTests
{
    /// <summary>
    /// Blocks that share a span: every field of a declaration with several declarators has the whole declaration as
    /// its code block. The first field names nothing; the second builds a policy that CORS001 reports.
    /// </summary>
    private const string SharedSpans = """
        using Microsoft.AspNetCore.Cors.Infrastructure;

        public static class SharedSpans
        {
            public static readonly object First = 1, Second = new CorsPolicyBuilder().AllowAnyOrigin().AllowCredentials().Build();
        }
        """;

    [Fact]
    public async Task Each_analyzer_alone_finds_what_it_finds_beside_the_others()
    {
        var sources = CodeBaseGenerator.Generate(120, web: true, withMistakes: true).Select(f => f.Text).Append(SharedSpans).ToList();
        var errors = new List<string>();

        var together = Describe(await AnalyzerHarness.AnalyzeAsync(Compile(sources), errors, concurrent: false, additionalFiles: AnalyzerHarness.AppSettingsFiles));
        var alone = new List<string>();
        foreach (var analyzer in AnalyzerHarness.Analyzers)
        {
            alone.AddRange(Describe(await AnalyzerHarness.AnalyzeAsync(Compile(sources), errors, concurrent: false, [analyzer], AnalyzerHarness.AppSettingsFiles)));
        }

        Assert.Empty(errors);
        Assert.True(together.Count >= 40, $"only {together.Count} diagnostics: the mistakes were not found");
        Assert.Contains(together, d => d.StartsWith($"CORS001 File{sources.Count - 1}.cs ", StringComparison.Ordinal));
        Assert.Equal(alone.Order(StringComparer.Ordinal), together);
    }

    private static Compilation Compile(List<string> sources)
    {
        var compilation = AnalyzerHarness.Compile(sources, AspNetCore.V10, OutputKind.ConsoleApplication);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return compilation;
    }

    /// <summary>Each diagnostic as its id, file, span and message, with the text it points at, in a stable order.</summary>
    private static List<string> Describe(IEnumerable<Diagnostic> diagnostics) => diagnostics
        .Select(d => $"{d.Id} {d.Location.SourceTree?.FilePath} {d.Location.SourceSpan} {d.GetMessage()} [{d.Location.SourceTree?.GetText().ToString(d.Location.SourceSpan)}]")
        .Order(StringComparer.Ordinal)
        .ToList();
}

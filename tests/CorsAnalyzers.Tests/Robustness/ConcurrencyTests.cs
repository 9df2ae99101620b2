using CorsAnalyzers.Benchmark;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Tests.Robustness;

/// <summary>
/// The analyzers give the same diagnostics with concurrent execution on and off, run after run, on a large generated
/// code base with mistakes spread over it (per-block and compilation-end diagnostics alike).
/// </summary>
public class ConcurrencyTests
{
    [Fact]
    public async Task Same_diagnostics_with_and_without_concurrency()
    {
        var sources = CodeBaseGenerator.Generate(120, web: true, withMistakes: true).Select(f => f.Text).ToList();
        var expected = await Run(sources, concurrent: false);
        Assert.True(expected.Count >= 40, $"only {expected.Count} diagnostics: the mistakes were not found");

        for (var run = 0; run < 4; run++)
        {
            Assert.Equal(expected, await Run(sources, concurrent: run % 2 == 0));
        }
    }

    private static async Task<List<string>> Run(List<string> sources, bool concurrent)
    {
        var errors = new List<string>();
        var compilation = AnalyzerHarness.Compile(sources, AspNetCore.V10, OutputKind.ConsoleApplication);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var diagnostics = await AnalyzerHarness.AnalyzeAsync(compilation, errors, concurrent, additionalFiles: AnalyzerHarness.AppSettingsFiles);
        Assert.Empty(errors);
        return diagnostics.Select(d => d.ToString()).Order(StringComparer.Ordinal).ToList();
    }
}

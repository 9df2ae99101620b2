using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.RuntimeTests.Harness;
using static CorsAnalyzers.RuntimeTests.Harness.RuntimeCase;

namespace CorsAnalyzers.RuntimeTests.Cases;

/// <summary>The pipeline rules (CORS101-CORS114), each proven on a running app before and after its fix.</summary>
public static class PipelineCases
{
    public static IEnumerable<RuntimeCase> All =>
    [
    ];
}

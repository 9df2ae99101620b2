using System.Text.RegularExpressions;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Tests.Robustness;

/// <summary>
/// Code while typing: every C# source in the test suites and the sample, cut and broken the way an editor sees it,
/// must go through every analyzer and code fix without an exception (which users would see as AD0001).
/// </summary>
public class TypingTests
{
    public static IEnumerable<object[]> Sources() => RepositorySources.All().Select(s => new object[] { s.Name });

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Analyzers_and_fixes_never_throw_on_partial_code(string name)
    {
        var source = RepositorySources.All().Single(s => s.Name == name).Text;
        var errors = new List<string>();
        var mutants = Mutations(source).Distinct().ToList();
        foreach (var mutant in mutants)
        {
            var topLevel = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(mutant).GetRoot().ChildNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax>().Any();
            var compilation = AnalyzerHarness.Compile(new[] { mutant }, AspNetCore.V10, topLevel ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary);
            var diagnostics = await AnalyzerHarness.AnalyzeAsync(compilation, errors, additionalFiles: AnalyzerHarness.AppSettingsFiles);
            await AnalyzerHarness.ApplyEveryFixAsync(compilation, diagnostics, errors, AnalyzerHarness.AppSettingsFiles);
        }

        Assert.True(mutants.Count > 3, $"only {mutants.Count} variants of {name}");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_harness_reports_an_analyzer_that_throws()
    {
        var errors = new List<string>();
        var compilation = AnalyzerHarness.Compile(new[] { "class C { void M() { } }" });
        await AnalyzerHarness.AnalyzeAsync(compilation, errors, analyzers: [new ThrowingAnalyzer()]);
        Assert.Contains(errors, e => e.Contains("ThrowingAnalyzer", StringComparison.Ordinal));
    }

    [Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class ThrowingAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TEST001", "t", "t", "t", DiagnosticSeverity.Warning, true);

        public override System.Collections.Immutable.ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

        public override void Initialize(Microsoft.CodeAnalysis.Diagnostics.AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(Microsoft.CodeAnalysis.Diagnostics.GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterOperationBlockAction(_ => throw new InvalidOperationException("boom"));
        }
    }

    /// <summary>Every prefix at line granularity, each single line deleted, and each closing brace or parenthesis removed.</summary>
    private static IEnumerable<string> Mutations(string source)
    {
        var lines = source.Split('\n');
        for (var i = 1; i <= lines.Length; i++)
        {
            yield return string.Join('\n', lines.Take(i));
        }

        for (var i = 0; i < lines.Length; i++)
        {
            yield return string.Join('\n', lines.Where((_, j) => j != i));
        }

        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] is '}' or ')')
            {
                yield return source.Remove(i, 1);
            }
        }
    }
}

/// <summary>The C# sources of the test suites (raw string literals, markup removed) and of the sample app.</summary>
public static class RepositorySources
{
    private static readonly Lazy<IReadOnlyList<(string Name, string Text)>> Cache = new(Load);

    public static IReadOnlyList<(string Name, string Text)> All() => Cache.Value;

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CorsAnalyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("CorsAnalyzers.sln not found above " + AppContext.BaseDirectory);
    }

    private static IReadOnlyList<(string Name, string Text)> Load()
    {
        var root = RepositoryRoot();
        var result = new List<(string, string)>();
        var rawString = new Regex("\"\"\"\\r?\\n(?<body>.*?)\\r?\\n[ \\t]*\"\"\"", RegexOptions.Singleline);
        var markup = new Regex(@"\{\|(?:#\d+|[A-Z]+\d+):|\|\}|\[\||\|\]");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "tests", "CorsAnalyzers.Tests", "Rules"), "*.cs").OrderBy(f => f, StringComparer.Ordinal))
        {
            var index = 0;
            foreach (Match match in rawString.Matches(File.ReadAllText(file)))
            {
                var body = markup.Replace(match.Groups["body"].Value, string.Empty);
                // C# sources (not messages or JSON): they use CORS, or write CORS headers by hand.
                if (body.Contains("Cors", StringComparison.Ordinal) || body.Contains("Access-Control-", StringComparison.Ordinal))
                {
                    result.Add(($"{Path.GetFileNameWithoutExtension(file)}#{index++}", body));
                }
            }
        }

        var samples = Path.Combine(root, "samples");
        if (Directory.Exists(samples))
        {
            foreach (var file in Directory.EnumerateFiles(samples, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains(".packages"))
                .OrderBy(f => f, StringComparer.Ordinal))
            {
                result.Add(("samples/" + Path.GetRelativePath(samples, file).Replace('\\', '/'), File.ReadAllText(file)));
            }
        }

        return result;
    }
}

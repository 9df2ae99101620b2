using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.Tests.Verifiers;

/// <summary>
/// Runs every analyzer and code fix of the package over arbitrary (possibly broken) sources and reports what threw,
/// for tests that are about robustness rather than one rule's verdict.
/// </summary>
public static class AnalyzerHarness
{
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = typeof(PolicyAnalyzer).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    public static ImmutableArray<CodeFixProvider> Fixers { get; } = typeof(CodeFixes.CORS001WildcardOriginWithCredentialsFixer).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
        .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    public static CSharpCompilation Compile(IEnumerable<string> sources, AspNetCore version = AspNetCore.V10, OutputKind kind = OutputKind.DynamicallyLinkedLibrary)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parse, path: $"File{i}.cs"));
        return CSharpCompilation.Create("Harness", trees, AspNetCoreReferences.Get(version), new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>
    /// appsettings files for the configuration rules (CORS301-CORS303): the keys the tests and samples read origins from,
    /// holding a wildcard and malformed origins, and one file that is not valid JSON.
    /// </summary>
    public static ImmutableArray<AdditionalText> AppSettingsFiles { get; } = ImmutableArray.Create<AdditionalText>(
        new InMemoryAdditionalText("/app/appsettings.json", """
            {
              // a comment
              "Cors": { "AllowedOrigins": [ "*", "https://app.example.com/" ], "Origin": "null", "PortalOrigins": "https://a.com, https://b.com/" },
            }
            """),
        new InMemoryAdditionalText("/app/appsettings.Development.json", """{ "Cors": { "Origins": [ "localhost:5173" ] } }"""),
        new InMemoryAdditionalText("/app/appsettings.Staging.json", """{ "Cors": { "Origins": [ "https://staging.example.com" """));

    /// <summary>Our diagnostics for a compilation; every analyzer exception is collected in <paramref name="errors"/>.</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(
        Compilation compilation, List<string> errors, bool concurrent = true, ImmutableArray<DiagnosticAnalyzer> analyzers = default, ImmutableArray<AdditionalText> additionalFiles = default)
    {
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(additionalFiles.IsDefault ? ImmutableArray<AdditionalText>.Empty : additionalFiles),
            (exception, analyzer, _) => { lock (errors) { errors.Add($"{analyzer.GetType().Name}: {exception}"); } },
            concurrentAnalysis: concurrent,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(analyzers.IsDefault ? Analyzers : analyzers, options).GetAnalyzerDiagnosticsAsync();
        foreach (var diagnostic in diagnostics.Where(d => d.Id == "AD0001"))
        {
            errors.Add(diagnostic.ToString());
        }

        return diagnostics.Where(d => d.Id.StartsWith("CORS", StringComparison.Ordinal)).ToImmutableArray();
    }

    /// <summary>Offers and applies every code fix for every diagnostic; exceptions go to <paramref name="errors"/>.</summary>
    public static async Task ApplyEveryFixAsync(
        Compilation compilation, ImmutableArray<Diagnostic> diagnostics, List<string> errors, ImmutableArray<AdditionalText> additionalFiles = default)
    {
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Default, "Harness", "Harness", LanguageNames.CSharp,
            compilationOptions: compilation.Options, parseOptions: compilation.SyntaxTrees.First().Options, metadataReferences: compilation.References));
        var documents = new Dictionary<SyntaxTree, Document>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var document = workspace.AddDocument(project.Id, tree.FilePath, SourceText.From(tree.ToString()));
            documents[tree] = document;
        }

        // appsettings files as additional documents: CORS302's fix edits them (a TextDocument code-fix context, as in the IDE).
        var additionalDocuments = new Dictionary<string, DocumentId>(StringComparer.Ordinal);
        foreach (var file in additionalFiles.IsDefault ? ImmutableArray<AdditionalText>.Empty : additionalFiles)
        {
            var id = DocumentId.CreateNewId(project.Id);
            workspace.TryApplyChanges(workspace.CurrentSolution.AddAdditionalDocument(id, System.IO.Path.GetFileName(file.Path), file.GetText()!, filePath: file.Path));
            additionalDocuments[file.Path] = id;
        }

        foreach (var diagnostic in diagnostics)
        {
            TextDocument document;
            if (diagnostic.Location.SourceTree is { } tree && documents.TryGetValue(tree, out var staleDocument))
            {
                document = workspace.CurrentSolution.GetDocument(staleDocument.Id)!;
            }
            else if (diagnostic.Location.Kind == LocationKind.ExternalFile && additionalDocuments.TryGetValue(diagnostic.Location.GetLineSpan().Path, out var additionalId))
            {
                document = workspace.CurrentSolution.GetAdditionalDocument(additionalId)!;
            }
            else
            {
                continue;
            }

            foreach (var fixer in Fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                var actions = new List<CodeAction>();
                try
                {
                    var context = document is Document source
                        ? new CodeFixContext(source, diagnostic, (action, _) => actions.Add(action), CancellationToken.None)
                        : new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
                    await fixer.RegisterCodeFixesAsync(context);
                    foreach (var action in actions)
                    {
                        await action.GetOperationsAsync(CancellationToken.None);
                    }
                }
                catch (Exception exception)
                {
                    errors.Add($"{fixer.GetType().Name} on {diagnostic}: {exception}");
                }
            }
        }
    }
}

/// <summary>An additional file held in memory.</summary>
public sealed class InMemoryAdditionalText : AdditionalText
{
    private readonly Microsoft.CodeAnalysis.Text.SourceText _text;

    public InMemoryAdditionalText(string path, string text)
    {
        Path = path;
        _text = Microsoft.CodeAnalysis.Text.SourceText.From(text);
    }

    public override string Path { get; }

    public override Microsoft.CodeAnalysis.Text.SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

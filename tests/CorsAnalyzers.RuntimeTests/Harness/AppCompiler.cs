using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.PortableExecutable;
using Microsoft.AspNetCore.Builder;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.RuntimeTests.Harness;

/// <summary>
/// Runs our analyzers and code fixes on an app's source and compiles it, exactly as a build would, against the
/// shared framework this test process runs on (Microsoft.NETCore.App and Microsoft.AspNetCore.App).
/// </summary>
public static class AppCompiler
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = typeof(PolicyAnalyzer).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    public static ImmutableArray<CodeFixProvider> Fixers { get; } = typeof(CodeFixes.CORS001WildcardOriginWithCredentialsFixer).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
        .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    /// <summary>Every managed assembly of the two shared frameworks, read once.</summary>
    public static ImmutableArray<MetadataReference> References { get; } = LoadReferences();

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var folders = new[]
        {
            Path.GetDirectoryName(typeof(object).Assembly.Location)!,
            Path.GetDirectoryName(typeof(WebApplication).Assembly.Location)!,
        };
        var references = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var file in folders.Distinct().SelectMany(f => Directory.EnumerateFiles(f, "*.dll")))
        {
            using (var stream = File.OpenRead(file))
            using (var pe = new PEReader(stream))
            {
                if (!pe.HasMetadata)
                {
                    continue;
                }
            }

            references.Add(MetadataReference.CreateFromFile(file));
        }

        return references.ToImmutable();
    }

    public static CSharpCompilation Compile(string assemblyName, IEnumerable<(string Path, string Text)> sources) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, path: s.Path)),
            References,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release));

    /// <summary>Our diagnostics (every CORS rule) for a compilation; an analyzer exception fails the test.</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, IReadOnlyList<(string Path, string Text)>? additionalFiles = null)
    {
        var errors = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions((additionalFiles ?? []).Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)).ToImmutableArray()),
            (exception, analyzer, _) => { lock (errors) { errors.Add($"{analyzer.GetType().Name}: {exception}"); } },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(Analyzers, options).GetAnalyzerDiagnosticsAsync();
        errors.AddRange(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.ToString()));
        Assert.True(errors.Count == 0, "an analyzer threw:\n" + string.Join("\n", errors));
        return diagnostics.Where(d => d.Id.StartsWith("CORS", StringComparison.Ordinal)).ToImmutableArray();
    }

    /// <summary>
    /// Applies our registered code fix for one diagnostic (the action with <paramref name="equivalenceKey"/>, or the
    /// first one offered, which is what <c>dotnet format</c> applies) and returns every source after the fix.
    /// </summary>
    public static async Task<IReadOnlyList<(string Path, string Text)>> ApplyFixAsync(Compilation compilation, Diagnostic diagnostic, string? equivalenceKey)
    {
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Default, compilation.AssemblyName!, compilation.AssemblyName!, LanguageNames.CSharp,
            compilationOptions: compilation.Options, parseOptions: ParseOptions, metadataReferences: compilation.References));
        var documents = new Dictionary<string, DocumentId>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var document = workspace.AddDocument(project.Id, tree.FilePath, SourceText.From(tree.ToString()));
            documents[tree.FilePath] = document.Id;
        }

        var solution = workspace.CurrentSolution;
        var target = solution.GetDocument(documents[diagnostic.Location.SourceTree!.FilePath])!;

        // The diagnostic must come from the workspace's own compilation for fixers that look symbols up from it.
        var workspaceCompilation = (await target.Project.GetCompilationAsync())!;
        var fresh = (await AnalyzeAsync(workspaceCompilation))
            .First(d => d.Id == diagnostic.Id && d.Location.SourceSpan == diagnostic.Location.SourceSpan
                && d.Location.SourceTree!.FilePath == diagnostic.Location.SourceTree!.FilePath && d.GetMessage() == diagnostic.GetMessage());

        var actions = new List<CodeAction>();
        foreach (var fixer in Fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
        {
            await fixer.RegisterCodeFixesAsync(new CodeFixContext(target, fresh, (action, _) => actions.Add(action), CancellationToken.None));
        }

        var flat = actions; // our fixers register flat actions, never nested ones
        Assert.True(flat.Count > 0, $"no code fix offered for {diagnostic}");
        var chosen = equivalenceKey is null ? flat[0] : flat.SingleOrDefault(a => a.EquivalenceKey == equivalenceKey);
        Assert.True(chosen is not null, $"no code fix '{equivalenceKey}' for {diagnostic}; offered: {string.Join(", ", flat.Select(a => a.EquivalenceKey))}");

        var operations = await chosen!.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        var result = new List<(string, string)>();
        foreach (var (path, id) in documents)
        {
            result.Add((path, (await changed.GetDocument(id)!.GetTextAsync()).ToString()));
        }

        return result;
    }

    /// <summary>
    /// Applies our registered code fix for a diagnostic reported inside an additional file (an appsettings file) the way
    /// the IDE's code-fix service does, through a <see cref="CodeFixContext"/> over the <see cref="TextDocument"/>, and
    /// returns every additional file after the fix.
    /// </summary>
    public static async Task<IReadOnlyList<(string Path, string Text)>> ApplyAdditionalFileFixAsync(
        Compilation compilation, IReadOnlyList<(string Path, string Text)> additionalFiles, Diagnostic diagnostic, string? equivalenceKey)
    {
        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId, VersionStamp.Default, compilation.AssemblyName!, compilation.AssemblyName!, LanguageNames.CSharp,
            compilationOptions: compilation.Options, parseOptions: ParseOptions, metadataReferences: compilation.References));
        foreach (var tree in compilation.SyntaxTrees)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), tree.FilePath, SourceText.From(tree.ToString()), filePath: tree.FilePath);
        }

        var documents = new List<(string Path, DocumentId Id)>();
        foreach (var (path, text) in additionalFiles)
        {
            var id = DocumentId.CreateNewId(projectId);
            solution = solution.AddAdditionalDocument(id, path, SourceText.From(text), filePath: path);
            documents.Add((path, id));
        }

        var target = solution.GetAdditionalDocument(documents.Single(d => d.Path == diagnostic.Location.GetLineSpan().Path).Id)!;
        var actions = new List<CodeAction>();
        foreach (var fixer in Fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
        {
            await fixer.RegisterCodeFixesAsync(new CodeFixContext(target, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        }

        Assert.True(actions.Count > 0, $"no code fix offered for {diagnostic}");
        var chosen = equivalenceKey is null ? actions[0] : actions.SingleOrDefault(a => a.EquivalenceKey == equivalenceKey);
        Assert.True(chosen is not null, $"no code fix '{equivalenceKey}' for {diagnostic}; offered: {string.Join(", ", actions.Select(a => a.EquivalenceKey))}");

        var operations = await chosen!.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        var result = new List<(string, string)>();
        foreach (var (path, id) in documents)
        {
            result.Add((path, (await changed.GetAdditionalDocument(id)!.GetTextAsync()).ToString()));
        }

        return result;
    }

    /// <summary>An additional file (an appsettings file) as the compiler passes it to analyzers.</summary>
    private sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    /// <summary>Emits the app; a compile error fails the test with the errors and the source.</summary>
    public static byte[] Emit(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(result.Success, "the app does not compile:\n" + string.Join("\n", errors)
            + "\n" + string.Join("\n// ----\n", compilation.SyntaxTrees.Select(t => t.ToString())));
        return stream.ToArray();
    }
}

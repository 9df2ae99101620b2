using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.Tests.Verifiers;

/// <summary>
/// Applies a code fix to diagnostics inside additional documents (appsettings files) the way the IDE's code-fix service
/// does: a <see cref="CodeFixContext"/> over the <see cref="TextDocument"/>. Microsoft.CodeAnalysis.Testing 1.1.4 does not
/// offer fixes for diagnostics in additional files, so these tests drive the fixer themselves.
/// </summary>
public static class AdditionalDocumentFix
{
    private const string Folder = "/app/";

    /// <summary>
    /// Analyzes <paramref name="source"/> with <paramref name="files"/>, then applies the action with
    /// <paramref name="equivalenceKey"/> diagnostic by diagnostic (or once through the fixer's FixAll for the project)
    /// until nothing is left to fix; returns every file's text afterwards.
    /// </summary>
    public static async Task<Dictionary<string, string>> ApplyAsync(
        CodeFixProvider fixer, string source, string equivalenceKey, bool fixAll, params (string Name, string Text)[] files)
    {
        var texts = files.ToDictionary(f => f.Name, f => f.Text);
        for (var round = 0; round < 10; round++)
        {
            var (solution, project, diagnostics) = await AnalyzeAsync(source, texts);
            var fixable = diagnostics.Where(d => fixer.FixableDiagnosticIds.Contains(d.Id) && d.Location.Kind == LocationKind.ExternalFile).ToImmutableArray();
            Solution? changed = null;
            if (fixable.IsEmpty)
            {
                return texts;
            }

            if (fixAll)
            {
                var context = new FixAllContext(
                    project, fixer, FixAllScope.Project, equivalenceKey, fixer.FixableDiagnosticIds, new Provider(diagnostics), CancellationToken.None);
                if (await fixer.GetFixAllProvider()!.GetFixAsync(context) is { } action)
                {
                    changed = await ChangedSolutionAsync(action);
                }
            }
            else
            {
                foreach (var diagnostic in fixable)
                {
                    var document = project.AdditionalDocuments.Single(d => d.FilePath == diagnostic.Location.GetLineSpan().Path);
                    var actions = new List<CodeAction>();
                    await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
                    if (actions.SingleOrDefault(a => a.EquivalenceKey == equivalenceKey) is { } action)
                    {
                        changed = await ChangedSolutionAsync(action);
                        break;
                    }
                }
            }

            if (changed is null)
            {
                return texts;
            }

            var before = texts.ToDictionary(t => t.Key, t => t.Value);
            foreach (var document in changed.GetProject(project.Id)!.AdditionalDocuments)
            {
                texts[document.Name] = (await document.GetTextAsync()).ToString();
            }

            if (texts.All(t => before[t.Key] == t.Value))
            {
                // A registered action must change something; FixAll has nothing left to do once the remaining diagnostics have no fix.
                return fixAll && round > 0 ? texts : throw new InvalidOperationException("the fix changed nothing");
            }
        }

        throw new InvalidOperationException("the fixes did not converge");
    }

    /// <summary>The analyzers' diagnostics for <paramref name="source"/> with the files, and the solution that holds both.</summary>
    public static async Task<(Solution Solution, Project Project, ImmutableArray<Diagnostic> Diagnostics)> AnalyzeAsync(string source, IReadOnlyDictionary<string, string> files)
    {
        var compilation = AnalyzerHarness.Compile(new[] { source }, AspNetCore.V10, OutputKind.ConsoleApplication);
        var errors = new List<string>();
        var additional = files.Select(f => (AdditionalText)new InMemoryAdditionalText(Folder + f.Key, f.Value)).ToImmutableArray();
        var diagnostics = await AnalyzerHarness.AnalyzeAsync(compilation, errors, additionalFiles: additional);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, errors));
        }

        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId, VersionStamp.Default, "App", "App", LanguageNames.CSharp,
            compilationOptions: compilation.Options, parseOptions: compilation.SyntaxTrees.First().Options, metadataReferences: compilation.References));
        solution = solution.AddDocument(DocumentId.CreateNewId(projectId), "Program.cs", SourceText.From(source), filePath: Folder + "Program.cs");
        foreach (var (name, text) in files)
        {
            solution = solution.AddAdditionalDocument(DocumentId.CreateNewId(projectId), name, SourceText.From(text), filePath: Folder + name);
        }

        return (solution, solution.GetProject(projectId)!, diagnostics);
    }

    private static async Task<Solution> ChangedSolutionAsync(CodeAction action)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        return operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
    }

    private sealed class Provider : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public Provider(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(_diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(_diagnostics.Where(d => !d.Location.IsInSource));
    }
}

using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.Tests.Robustness;

/// <summary>
/// Every fix offered on every diagnostic in the test suites' sources and the sample changes the code, leaves it
/// compiling, and removes the diagnostic it was offered for.
/// </summary>
public class FixQualityTests
{
    public static IEnumerable<object[]> Sources() => RepositorySources.All().Select(s => new object[] { s.Name });

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Every_fix_changes_the_code_compiles_and_removes_its_diagnostic(string name)
    {
        var source = RepositorySources.All().Single(s => s.Name == name).Text;
        var topLevel = CSharpSyntaxTree.ParseText(source).GetRoot().ChildNodes().OfType<GlobalStatementSyntax>().Any();
        var kind = topLevel ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary;
        var compilation = AnalyzerHarness.Compile(new[] { source }, AspNetCore.V10, kind);
        var errorsBefore = Errors(compilation);
        if (errorsBefore.Count > 0)
        {
            return; // one file of a multi-file test, or a deliberately broken snippet: covered by the verifier tests
        }

        var harnessErrors = new List<string>();
        var diagnostics = await AnalyzerHarness.AnalyzeAsync(compilation, harnessErrors);
        Assert.Empty(harnessErrors);

        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(ProjectId.CreateNewId(), VersionStamp.Default, "P", "P", LanguageNames.CSharp,
            compilationOptions: compilation.Options, parseOptions: compilation.SyntaxTrees.First().Options, metadataReferences: compilation.References));
        var document = workspace.AddDocument(project.Id, "File0.cs", SourceText.From(source));

        foreach (var diagnostic in diagnostics)
        {
            foreach (var fixer in AnalyzerHarness.Fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                var actions = new List<CodeAction>();
                await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
                foreach (var action in actions)
                {
                    var operations = await action.GetOperationsAsync(CancellationToken.None);
                    var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(document.Id)!;
                    var newText = (await changed.GetTextAsync()).ToString();
                    var what = $"{diagnostic.Id} '{action.Title}' at {diagnostic.Location.GetLineSpan().StartLinePosition}";
                    Assert.False(newText == source, $"{what} changed nothing");

                    var fixedCompilation = AnalyzerHarness.Compile(new[] { newText }, AspNetCore.V10, kind);
                    Assert.True(Errors(fixedCompilation).Count == 0, $"{what} left errors: {string.Join("; ", Errors(fixedCompilation))}\n{newText}");
                    var after = await AnalyzerHarness.AnalyzeAsync(fixedCompilation, harnessErrors);
                    Assert.True(
                        after.Count(d => d.Id == diagnostic.Id) < diagnostics.Count(d => d.Id == diagnostic.Id),
                        $"{what} did not remove the diagnostic\n{newText}");
                }
            }
        }
    }

    private static List<string> Errors(Compilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
}

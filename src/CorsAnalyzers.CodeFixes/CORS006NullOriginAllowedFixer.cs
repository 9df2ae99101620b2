using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CorsAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace CorsAnalyzers.CodeFixes;

/// <summary>CORS006 fix: remove the <c>"null"</c> origin (the argument, the element, the <c>Origins.Add</c> statement).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CORS006NullOriginAllowedFixer)), Shared]
public sealed class CORS006NullOriginAllowedFixer : CodeFixProvider
{
    public const string RemoveNullOriginKey = "CORS006.RemoveNullOrigin";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(CORS006NullOriginAllowed.Id);

    public override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) => await ApplyAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (OriginRemoval.Target(root, diagnostic.Location) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Remove the 'null' origin", ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), ct), RemoveNullOriginKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var targets = diagnostics.Select(d => OriginRemoval.Target(root, d.Location)).Where(t => t is not null).Select(t => t!).ToList();
        if (targets.Count == 0)
        {
            return document;
        }

        var editor = new SyntaxEditor(root, document.Project.Solution.Workspace.Services);
        OriginRemoval.Remove(editor, targets);
        return document.WithSyntaxRoot(editor.GetChangedRoot());
    }
}

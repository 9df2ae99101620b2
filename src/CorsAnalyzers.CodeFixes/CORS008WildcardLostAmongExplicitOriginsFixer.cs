using System.Collections.Generic;
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

/// <summary>
/// CORS008 fixes: (a) keep the explicit origins (remove the <c>"*"</c> or <c>AllowAnyOrigin()</c>); (b) keep the
/// wildcard (remove the explicit origins), offered only when credentials are off in every end state of the policy,
/// since a wildcard with credentials does not start (CORS001).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CORS008WildcardLostAmongExplicitOriginsFixer)), Shared]
public sealed class CORS008WildcardLostAmongExplicitOriginsFixer : CodeFixProvider
{
    public const string KeepExplicitOriginsKey = "CORS008.KeepExplicitOrigins";
    public const string KeepWildcardKey = "CORS008.KeepWildcard";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(CORS008WildcardLostAmongExplicitOrigins.Id);

    public override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) => await ApplyAsync(document, diagnostics, context.CodeActionEquivalenceKey, context.CancellationToken).ConfigureAwait(false));

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
                    CodeAction.Create("Keep the explicit origins (remove the wildcard)", ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), KeepExplicitOriginsKey, ct), KeepExplicitOriginsKey),
                    diagnostic);
            }

            if (ExplicitOrigins(root, diagnostic) is { IsDefaultOrEmpty: false })
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Keep the wildcard (remove the explicit origins)", ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), KeepWildcardKey, ct), KeepWildcardKey),
                    diagnostic);
            }
        }
    }

    /// <summary>The explicit origins to remove for fix (b): all in this document, as arguments or <c>Origins</c> elements (not shared arrays).</summary>
    private static ImmutableArray<SyntaxNode> ExplicitOrigins(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.ContainsKey(CORS008WildcardLostAmongExplicitOrigins.CredentialsOffProperty)
            || diagnostic.AdditionalLocations.Count == 0
            || OriginRemoval.Target(root, diagnostic.Location) is null)
        {
            return default;
        }

        var targets = ImmutableArray.CreateBuilder<SyntaxNode>();
        foreach (var location in diagnostic.AdditionalLocations)
        {
            if (OriginRemoval.Target(root, location) is not { } target || OriginRemoval.IsListElement(target))
            {
                return default;
            }

            targets.Add(target);
        }

        return targets.ToImmutable();
    }

    private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? equivalenceKey, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var targets = new List<SyntaxNode>();
        foreach (var diagnostic in diagnostics)
        {
            if (equivalenceKey == KeepExplicitOriginsKey && OriginRemoval.Target(root, diagnostic.Location) is { } wildcard)
            {
                targets.Add(wildcard);
            }
            else if (equivalenceKey == KeepWildcardKey && ExplicitOrigins(root, diagnostic) is { IsDefaultOrEmpty: false } explicitOrigins)
            {
                targets.AddRange(explicitOrigins);
            }
        }

        if (targets.Count == 0)
        {
            return document;
        }

        var editor = new SyntaxEditor(root, document.Project.Solution.Workspace.Services);
        OriginRemoval.Remove(editor, targets);
        return document.WithSyntaxRoot(editor.GetChangedRoot());
    }
}

using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CorsAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace CorsAnalyzers.CodeFixes;

/// <summary>
/// CORS001 fixes: (a) replace the wildcard by the origins configured under <c>Cors:AllowedOrigins</c>, read through the
/// <c>IConfiguration</c> reachable at that point (offered only where there is one); (b) drop credentials.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CORS001WildcardOriginWithCredentialsFixer)), Shared]
public sealed class CORS001WildcardOriginWithCredentialsFixer : CodeFixProvider
{
    public const string AllowConfiguredOriginsKey = "CORS001.AllowConfiguredOrigins";
    public const string RemoveCredentialsKey = "CORS001.RemoveCredentials";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(CORS001WildcardOriginWithCredentials.Id);

    public override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) => await ApplyAsync(document, diagnostics, context.CodeActionEquivalenceKey, context.CancellationToken).ConfigureAwait(false));

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (ConfiguredOriginsEdit.TryCreate(root, model, diagnostic, context.CancellationToken) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Allow the configured origins (Cors:AllowedOrigins)",
                        ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), AllowConfiguredOriginsKey, ct),
                        AllowConfiguredOriginsKey),
                    diagnostic);
            }

            if (CredentialNodes(root, diagnostic) is { IsDefaultOrEmpty: false })
            {
                var title = diagnostic.Properties.TryGetValue(CORS001WildcardOriginWithCredentials.CredentialsProperty, out var how)
                    && how == CORS001WildcardOriginWithCredentials.SupportsCredentials
                        ? "Remove 'SupportsCredentials = true'"
                        : "Remove AllowCredentials()";
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), RemoveCredentialsKey, ct), RemoveCredentialsKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? equivalenceKey, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var editor = new SyntaxEditor(root, document.Project.Solution.Workspace.Services);
        var needsConfigurationImport = false;
        if (equivalenceKey == AllowConfiguredOriginsKey)
        {
            foreach (var diagnostic in diagnostics)
            {
                if (ConfiguredOriginsEdit.TryCreate(root, model, diagnostic, cancellationToken) is { } edit)
                {
                    edit.Apply(editor);
                    needsConfigurationImport |= edit.NeedsConfigurationImport;
                }
            }
        }
        else if (equivalenceKey == RemoveCredentialsKey)
        {
            var nodes = diagnostics.SelectMany(d => OrEmpty(CredentialNodes(root, d))).Distinct()
                .OrderBy(n => n.Span.Length); // inner calls of a chain first, so outer edits see them
            foreach (var node in nodes)
            {
                RemoveCredentials(editor, node);
            }
        }

        var newRoot = editor.GetChangedRoot();
        if (needsConfigurationImport && newRoot is CompilationUnitSyntax unit)
        {
            newRoot = Imports.Add(unit, "Microsoft.Extensions.Configuration");
        }

        return document.WithSyntaxRoot(newRoot);
    }

    /// <summary>The <c>AllowCredentials()</c> calls or <c>SupportsCredentials = true</c> assignments that keep credentials on, all in the diagnostic's document.</summary>
    private static ImmutableArray<SyntaxNode> CredentialNodes(SyntaxNode root, Diagnostic diagnostic)
    {
        if (diagnostic.AdditionalLocations.Count == 0)
        {
            return default;
        }

        var nodes = ImmutableArray.CreateBuilder<SyntaxNode>();
        foreach (var location in diagnostic.AdditionalLocations)
        {
            if (location.SourceTree != root.SyntaxTree)
            {
                return default; // the call lives in a helper elsewhere, which other policies may share
            }

            var node = root.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
            SyntaxNode? target = node.FirstAncestorOrSelf<InvocationExpressionSyntax>(i => i.Span.Contains(location.SourceSpan) && i.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AllowCredentials" })
                ?? (SyntaxNode?)node.FirstAncestorOrSelf<AssignmentExpressionSyntax>(a => a.Left is IdentifierNameSyntax { Identifier.ValueText: "SupportsCredentials" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "SupportsCredentials" });
            if (target is null)
            {
                return default;
            }

            nodes.Add(target);
        }

        return nodes.ToImmutable();
    }

    private static ImmutableArray<SyntaxNode> OrEmpty(ImmutableArray<SyntaxNode> nodes) => nodes.IsDefault ? ImmutableArray<SyntaxNode>.Empty : nodes;

    private static void RemoveCredentials(SyntaxEditor editor, SyntaxNode node)
    {
        switch (node)
        {
            case AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax }:
                editor.RemoveNode(node);
                break;

            case AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax statement }:
                editor.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia | SyntaxRemoveOptions.KeepDirectives);
                break;

            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access, Parent: ExpressionStatementSyntax statement }
                when access.Expression is not (InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax):
                // `policy.AllowCredentials();` on its own: the statement goes.
                editor.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia | SyntaxRemoveOptions.KeepDirectives);
                break;

            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax }:
                // `X.AllowCredentials()` in a chain or a lambda body becomes `X`.
                editor.ReplaceNode(node, (current, _) =>
                {
                    var invocation = (InvocationExpressionSyntax)current;
                    var access = (MemberAccessExpressionSyntax)invocation.Expression;
                    var receiver = access.Expression;
                    var between = receiver.GetTrailingTrivia();
                    var trailing = between.Any(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia))
                        ? between.AddRange(access.OperatorToken.LeadingTrivia) // keep a comment that ended the previous line
                        : invocation.GetTrailingTrivia();
                    return receiver.WithTrailingTrivia(trailing);
                });
                break;
        }
    }
}

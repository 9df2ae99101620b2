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
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace CorsAnalyzers.CodeFixes;

/// <summary>
/// CORS005 fixes: (a) add <c>.SetIsOriginAllowedToAllowWildcardSubdomains()</c> right after the <c>WithOrigins(...)</c> call
/// (or <c>new CorsPolicyBuilder(...)</c>) that adds the wildcard origin; (b) remove a dead
/// <c>SetIsOriginAllowedToAllowWildcardSubdomains()</c>. An overriding <c>SetIsOriginAllowed</c> gets no fix: which of
/// the two checks was meant is the developer's call.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CORS005WildcardSubdomainMisuseFixer)), Shared]
public sealed class CORS005WildcardSubdomainMisuseFixer : CodeFixProvider
{
    public const string AddCallKey = "CORS005.AddWildcardSubdomains";
    public const string RemoveCallKey = "CORS005.RemoveDeadCall";

    private const string MethodName = "SetIsOriginAllowedToAllowWildcardSubdomains";
    private const string BuilderType = "Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicyBuilder";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(CORS005WildcardSubdomainMisuse.Id);

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
            if (AddTarget(root, model, diagnostic, context.CancellationToken) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Add {MethodName}()",
                        ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), AddCallKey, ct),
                        AddCallKey),
                    diagnostic);
            }

            if (RemoveTarget(root, model, diagnostic, context.CancellationToken) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Remove {MethodName}()",
                        ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), RemoveCallKey, ct),
                        RemoveCallKey),
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
        if (equivalenceKey == AddCallKey)
        {
            var targets = new HashSet<ExpressionSyntax>();
            foreach (var diagnostic in diagnostics)
            {
                if (AddTarget(root, model, diagnostic, cancellationToken) is { } target && targets.Add(target))
                {
                    editor.ReplaceNode(target, (current, _) => AddCall((ExpressionSyntax)current));
                }
            }
        }
        else if (equivalenceKey == RemoveCallKey)
        {
            var targets = diagnostics.Select(d => RemoveTarget(root, model, d, cancellationToken)).OfType<InvocationExpressionSyntax>().Distinct()
                .OrderBy(n => n.Span.Length); // inner calls of a chain first, so outer edits see them
            foreach (var target in targets)
            {
                RemoveCall(editor, target);
            }
        }

        return document.WithSyntaxRoot(editor.GetChangedRoot());
    }

    /// <summary>The <c>WithOrigins(...)</c> call or <c>new CorsPolicyBuilder(...)</c> that adds the wildcard origin, in this document.</summary>
    private static ExpressionSyntax? AddTarget(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!Is(diagnostic, CORS005WildcardSubdomainMisuse.Missing) || diagnostic.AdditionalLocations.Count == 0)
        {
            return null;
        }

        var step = diagnostic.AdditionalLocations[0];
        if (step.SourceTree != root.SyntaxTree || !root.FullSpan.Contains(step.SourceSpan))
        {
            return null;
        }

        var node = root.FindNode(step.SourceSpan, getInnermostNodeForTie: true);
        switch (node.FirstAncestorOrSelf<ExpressionSyntax>(e => e is InvocationExpressionSyntax or ObjectCreationExpressionSyntax))
        {
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "WithOrigins" } } invocation
                when model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method && IsBuilder(method.ContainingType):
                return invocation;
            case ObjectCreationExpressionSyntax creation when IsBuilder(model.GetTypeInfo(creation, cancellationToken).Type):
                return creation;
            default:
                return null;
        }
    }

    /// <summary>The dead <c>SetIsOriginAllowedToAllowWildcardSubdomains()</c> call.</summary>
    private static InvocationExpressionSyntax? RemoveTarget(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!Is(diagnostic, CORS005WildcardSubdomainMisuse.Dead) || diagnostic.Location.SourceTree != root.SyntaxTree || !root.FullSpan.Contains(diagnostic.Location.SourceSpan))
        {
            return null;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var invocation = node.FirstAncestorOrSelf<InvocationExpressionSyntax>(i => i.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: MethodName });
        return invocation is not null && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method && IsBuilder(method.ContainingType)
            ? invocation
            : null;
    }

    private static bool Is(Diagnostic diagnostic, string kind) =>
        diagnostic.Properties.TryGetValue(CORS005WildcardSubdomainMisuse.KindProperty, out var value) && value == kind;

    private static bool IsBuilder(ITypeSymbol? type) => type?.ToDisplayString() == BuilderType;

    /// <summary><c>X</c> becomes <c>X.SetIsOriginAllowedToAllowWildcardSubdomains()</c>; a comment after X moves after the call.</summary>
    private static ExpressionSyntax AddCall(ExpressionSyntax target)
    {
        var call = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                target.WithoutTrailingTrivia(),
                SyntaxFactory.IdentifierName(MethodName)));
        return call.WithTrailingTrivia(target.GetTrailingTrivia());
    }

    private static void RemoveCall(SyntaxEditor editor, InvocationExpressionSyntax invocation)
    {
        var access = (MemberAccessExpressionSyntax)invocation.Expression;
        if (invocation.Parent is ExpressionStatementSyntax statement && access.Expression is not (InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax))
        {
            // `policy.SetIsOriginAllowedToAllowWildcardSubdomains();` on its own: the statement goes.
            editor.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia | SyntaxRemoveOptions.KeepDirectives);
            return;
        }

        if (invocation.Parent is LambdaExpressionSyntax lambda && lambda.ExpressionBody == invocation && access.Expression is IdentifierNameSyntax)
        {
            // `p => p.SetIsOriginAllowedToAllowWildcardSubdomains()`: `p => p` would not be a statement, so the body becomes empty.
            editor.ReplaceNode(lambda, (current, _) =>
            {
                var updated = (LambdaExpressionSyntax)current;
                var body = SyntaxFactory.Block().WithTriviaFrom(updated.ExpressionBody!);
                return updated.WithExpressionBody(null).WithBlock(body);
            });
            return;
        }

        editor.ReplaceNode(invocation, (current, _) =>
        {
            var updated = (InvocationExpressionSyntax)current;
            var member = (MemberAccessExpressionSyntax)updated.Expression;
            var receiver = member.Expression;
            var between = receiver.GetTrailingTrivia();
            var trailing = between.Any(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia))
                ? between.AddRange(member.OperatorToken.LeadingTrivia)
                : updated.GetTrailingTrivia();
            return receiver.WithTrailingTrivia(trailing);
        });
    }
}

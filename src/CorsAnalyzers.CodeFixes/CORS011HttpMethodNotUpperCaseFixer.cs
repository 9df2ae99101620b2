using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
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
/// CORS011 fixes on the string literal itself: (a) write it upper-case (<c>"put"</c> → <c>"PUT"</c>); (b) use the
/// framework's constant (<c>HttpMethods.Put</c>), offered only where the literal is written in the call itself (a
/// <c>const</c> cannot hold a static field).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CORS011HttpMethodNotUpperCaseFixer)), Shared]
public sealed class CORS011HttpMethodNotUpperCaseFixer : CodeFixProvider
{
    public const string UpperCaseKey = "CORS011.UpperCase";
    public const string HttpMethodsKey = "CORS011.UseHttpMethods";

    private const string HttpMethodsNamespace = "Microsoft.AspNetCore.Http";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(CORS011HttpMethodNotUpperCase.Id);

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
            if (!diagnostic.Properties.TryGetValue(CORS011HttpMethodNotUpperCase.MethodProperty, out var method) || method is null)
            {
                continue;
            }

            if (UpperCaseTarget(root, model, diagnostic, context.CancellationToken) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Write '{method}'", ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), UpperCaseKey, ct), UpperCaseKey),
                    diagnostic);
            }

            if (Literal(root, diagnostic) is { } literal && HttpMethodsField(model, literal, diagnostic) is { } field)
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Use HttpMethods.{field}", ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), HttpMethodsKey, ct), HttpMethodsKey),
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
        var needsImport = false;
        var done = new HashSet<SyntaxNode>();
        foreach (var diagnostic in diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(CORS011HttpMethodNotUpperCase.MethodProperty, out var method) || method is null)
            {
                continue;
            }

            if (equivalenceKey == UpperCaseKey)
            {
                if (UpperCaseTarget(root, model, diagnostic, cancellationToken) is { } target && done.Add(target))
                {
                    editor.ReplaceNode(target, SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(method)).WithTriviaFrom(target));
                }
            }
            else if (equivalenceKey == HttpMethodsKey && Literal(root, diagnostic) is { } literal && done.Add(literal) && HttpMethodsField(model, literal, diagnostic) is { } field)
            {
                var shortForm = SyntaxFactory.ParseExpression("HttpMethods." + field);
                needsImport |= model.GetSpeculativeSymbolInfo(literal.SpanStart, shortForm, SpeculativeBindingOption.BindAsExpression).Symbol is null;
                editor.ReplaceNode(literal, shortForm.WithTriviaFrom(literal));
            }
        }

        var newRoot = editor.GetChangedRoot();
        if (needsImport && newRoot is CompilationUnitSyntax unit)
        {
            newRoot = Imports.Add(unit, HttpMethodsNamespace);
        }

        return document.WithSyntaxRoot(newRoot);
    }

    /// <summary>The literal to upper-case: the one reported, or the initializer of a constant declared in this document (<c>const string Put = "put"</c>).</summary>
    private static LiteralExpressionSyntax? UpperCaseTarget(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (Literal(root, diagnostic) is { } literal)
        {
            return literal;
        }

        if (diagnostic.Location.SourceTree != root.SyntaxTree || !root.FullSpan.Contains(diagnostic.Location.SourceSpan)
            || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax reference
            || reference.Span != diagnostic.Location.SourceSpan)
        {
            return null;
        }

        var symbol = model.GetSymbolInfo(reference, cancellationToken).Symbol;
        if (symbol is not (IFieldSymbol { IsConst: true } or ILocalSymbol { IsConst: true }) || symbol.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        var declaration = symbol.DeclaringSyntaxReferences[0];
        return declaration.SyntaxTree == root.SyntaxTree
            && declaration.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: LiteralExpressionSyntax initializer }
            && initializer.IsKind(SyntaxKind.StringLiteralExpression)
                ? initializer
                : null;
    }

    private static LiteralExpressionSyntax? Literal(SyntaxNode root, Diagnostic diagnostic)
    {
        if (diagnostic.Location.SourceTree != root.SyntaxTree || !root.FullSpan.Contains(diagnostic.Location.SourceSpan))
        {
            return null;
        }

        return root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is LiteralExpressionSyntax literal
            && literal.IsKind(SyntaxKind.StringLiteralExpression)
            && literal.Span == diagnostic.Location.SourceSpan
                ? literal
                : null;
    }

    /// <summary>The <c>HttpMethods</c> field, when the literal sits inside the WithMethods/Methods.Add call and the type exists.</summary>
    private static string? HttpMethodsField(SemanticModel model, LiteralExpressionSyntax literal, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(CORS011HttpMethodNotUpperCase.FieldProperty, out var field) || field is null
            || diagnostic.AdditionalLocations.Count == 0
            || diagnostic.AdditionalLocations[0].SourceTree != literal.SyntaxTree
            || !diagnostic.AdditionalLocations[0].SourceSpan.Contains(literal.Span)
            || model.Compilation.GetTypeByMetadataName(HttpMethodsNamespace + ".HttpMethods") is not { } type
            || type.GetMembers(field).IsEmpty)
        {
            return null;
        }

        return field;
    }
}

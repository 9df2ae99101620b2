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
/// CORS013 fix: clamp the preflight max age into what browsers honour, keeping the factory method where it divides
/// two hours evenly (<c>FromMinutes(300)</c> → <c>FromMinutes(120)</c>), else <c>TimeSpan.FromHours(2)</c>; a negative
/// value becomes <c>TimeSpan.Zero</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CORS013PreflightMaxAgeBeyondWhatBrowsersHonourFixer)), Shared]
public sealed class CORS013PreflightMaxAgeBeyondWhatBrowsersHonourFixer : CodeFixProvider
{
    public const string ClampKey = "CORS013.Clamp";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(CORS013PreflightMaxAgeBeyondWhatBrowsersHonour.Id);

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
            if (Clamp(root, model, diagnostic, context.CancellationToken) is not null)
            {
                var title = IsNegative(diagnostic) ? "Clamp the preflight max age to zero" : "Clamp the preflight max age to 2 hours";
                context.RegisterCodeFix(CodeAction.Create(title, ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), ClampKey, ct), ClampKey), diagnostic);
            }
        }
    }

    private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? equivalenceKey, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || equivalenceKey != ClampKey)
        {
            return document;
        }

        var editor = new SyntaxEditor(root, document.Project.Solution.Workspace.Services);
        var done = new HashSet<SyntaxNode>();
        foreach (var diagnostic in diagnostics)
        {
            if (Clamp(root, model, diagnostic, cancellationToken) is { } edit && done.Add(edit.Target))
            {
                editor.ReplaceNode(edit.Target, edit.Replacement.WithTriviaFrom(edit.Target));
            }
        }

        return document.WithSyntaxRoot(editor.GetChangedRoot());
    }

    private static bool IsNegative(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(CORS013PreflightMaxAgeBeyondWhatBrowsersHonour.KindProperty, out var kind) && kind == CORS013PreflightMaxAgeBeyondWhatBrowsersHonour.Negative;

    private static (SyntaxNode Target, SyntaxNode Replacement)? Clamp(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (diagnostic.Location.SourceTree != root.SyntaxTree || !root.FullSpan.Contains(diagnostic.Location.SourceSpan)
            || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax value
            || value.Span != diagnostic.Location.SourceSpan
            || model.GetTypeInfo(value, cancellationToken).Type is not { Name: "TimeSpan", ContainingNamespace.Name: "System" })
        {
            return null;
        }

        var timeSpan = TimeSpanName(model, value);
        if (IsNegative(diagnostic))
        {
            return (value, SyntaxFactory.ParseExpression(timeSpan + ".Zero"));
        }

        // Keep the factory method where two hours is a whole number of its unit: FromMinutes(300) -> FromMinutes(120).
        if (value is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access, ArgumentList.Arguments: { Count: 1 } arguments } invocation
            && arguments[0].NameColon is null
            && Units(access.Name.Identifier.ValueText) is { } units
            && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol { IsStatic: true, ContainingType.Name: "TimeSpan" })
        {
            var literal = SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(units));
            return (arguments[0].Expression, literal);
        }

        return (value, SyntaxFactory.ParseExpression(timeSpan + ".FromHours(2)"));
    }

    /// <summary>Two hours in the factory method's unit, when it is a whole number.</summary>
    private static int? Units(string method) => method switch
    {
        "FromHours" => 2,
        "FromMinutes" => 120,
        "FromSeconds" => 7200,
        "FromMilliseconds" => 7_200_000,
        _ => null,
    };

    /// <summary>How to write TimeSpan here: as the expression already does (<c>System.TimeSpan.FromDays</c>), else short if it binds.</summary>
    private static string TimeSpanName(SemanticModel model, ExpressionSyntax value)
    {
        switch (value)
        {
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }:
                return access.Expression.WithoutTrivia().ToString();
            case MemberAccessExpressionSyntax access:
                return access.Expression.WithoutTrivia().ToString();
            case ObjectCreationExpressionSyntax creation:
                return creation.Type.WithoutTrivia().ToString();
        }

        return model.GetSpeculativeTypeInfo(value.SpanStart, SyntaxFactory.ParseTypeName("TimeSpan"), SpeculativeBindingOption.BindAsTypeOrNamespace).Type is { Name: "TimeSpan", ContainingNamespace.Name: "System" }
            ? "TimeSpan"
            : "System.TimeSpan";
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CorsAnalyzers.Policies;
using CorsAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace CorsAnalyzers.CodeFixes;

/// <summary>
/// CORS004 fixes: rewrite the origin's string literal to <c>scheme://host[:port]</c> (the literal itself, or the
/// initializer of a constant declared in the same file), or split a list written as one string into one value each
/// (where the literal is an argument of <c>WithOrigins</c>/<c>new CorsPolicyBuilder</c> or an element of a list).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CORS004OriginNeverMatchesFixer)), Shared]
public sealed class CORS004OriginNeverMatchesFixer : CodeFixProvider
{
    public const string RewriteOriginKey = "CORS004.RewriteOrigin";
    public const string SplitOriginsKey = "CORS004.SplitOrigins";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(CORS004OriginNeverMatches.Id);

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
            if (Plan(root, model, diagnostic, context.CancellationToken) is not { } plan)
            {
                continue;
            }

            var key = plan.Parts.Count > 1 ? SplitOriginsKey : RewriteOriginKey;
            var title = plan.Parts.Count > 1
                ? "Split into " + string.Join(", ", plan.Parts.Select(p => "'" + p + "'"))
                : $"Use '{plan.Parts[0]}'";
            context.RegisterCodeFix(CodeAction.Create(title, ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), key, ct), key), diagnostic);
        }
    }

    private sealed class Edit
    {
        public Edit(LiteralExpressionSyntax literal, SyntaxNode listMember, IReadOnlyList<string> parts)
        {
            Literal = literal;
            ListMember = listMember;
            Parts = parts;
        }

        public LiteralExpressionSyntax Literal { get; }

        /// <summary>The node that takes the literal's place in its list (the argument, the element), for a split.</summary>
        public SyntaxNode ListMember { get; }

        public IReadOnlyList<string> Parts { get; }
    }

    private static Edit? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (diagnostic.Location.SourceTree != root.SyntaxTree
            || !diagnostic.Properties.TryGetValue(CORS004OriginNeverMatches.MatchingProperty, out var matchingText)
            || !Enum.TryParse<OriginMatching>(matchingText, out var matching)
            || !root.FullSpan.Contains(diagnostic.Location.SourceSpan))
        {
            return null;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (node is ArgumentSyntax argument)
        {
            node = argument.Expression;
        }

        var direct = true;
        if (node is not LiteralExpressionSyntax literal)
        {
            direct = false;
            literal = ConstantLiteral(root, model, node, cancellationToken)!;
            if (literal is null)
            {
                return null;
            }
        }

        if (!literal.IsKind(SyntaxKind.StringLiteralExpression) || literal.Token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken)
            || literal.Token.Value is not string text)
        {
            return null;
        }

        var origin = OriginText.Parse(text, matching);
        if (origin.Kind != OriginKind.NeverMatches)
        {
            return null;
        }

        if (origin.Parts.Count > 1)
        {
            return direct && ListMember(literal) is { } member ? new Edit(literal, member, origin.Parts) : null;
        }

        return origin.Corrected is { } corrected && corrected != text ? new Edit(literal, literal, new[] { corrected }) : null;
    }

    /// <summary>The string literal a constant reference stands for, when the constant is declared in this document.</summary>
    private static LiteralExpressionSyntax? ConstantLiteral(SyntaxNode root, SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
    {
        if (node is not (IdentifierNameSyntax or MemberAccessExpressionSyntax))
        {
            return null;
        }

        var symbol = model.GetSymbolInfo(node, cancellationToken).Symbol;
        var isConstant = symbol is IFieldSymbol { IsConst: true } or ILocalSymbol { IsConst: true };
        if (!isConstant || symbol!.DeclaringSyntaxReferences.Length != 1 || symbol.DeclaringSyntaxReferences[0].SyntaxTree != root.SyntaxTree)
        {
            return null;
        }

        return symbol.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: LiteralExpressionSyntax literal }
            ? literal
            : null;
    }

    /// <summary>Where a literal can become several values: an argument of a params call, or an element of an array, collection or Origins initializer.</summary>
    private static SyntaxNode? ListMember(LiteralExpressionSyntax literal) => literal.Parent switch
    {
        ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "WithOrigins" } } } } argument => argument,
        ArgumentSyntax { Parent: ArgumentListSyntax { Parent: BaseObjectCreationExpressionSyntax } } argument => argument,
        InitializerExpressionSyntax initializer when initializer.IsKind(SyntaxKind.ArrayInitializerExpression) || initializer.IsKind(SyntaxKind.CollectionInitializerExpression) => literal,
        ExpressionElementSyntax element => element,
        _ => null,
    };

    private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? equivalenceKey, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var editor = new SyntaxEditor(root, document.Project.Solution.Workspace.Services);
        var done = new HashSet<SyntaxNode>();
        foreach (var diagnostic in diagnostics)
        {
            if (Plan(root, model, diagnostic, cancellationToken) is not { } edit || !done.Add(edit.Literal)
                || (edit.Parts.Count > 1 ? SplitOriginsKey : RewriteOriginKey) != equivalenceKey)
            {
                continue;
            }

            var literals = edit.Parts.Select(p => Literal(edit.Literal, p)).ToList();
            if (literals.Count > 1)
            {
                var others = literals.Skip(1).Select(l => edit.ListMember switch
                {
                    ArgumentSyntax => (SyntaxNode)SyntaxFactory.Argument(l),
                    ExpressionElementSyntax => SyntaxFactory.ExpressionElement(l),
                    _ => l,
                });
                editor.InsertAfter(edit.ListMember, others);
            }

            editor.ReplaceNode(edit.Literal, literals[0].WithTriviaFrom(edit.Literal));
        }

        return document.WithSyntaxRoot(editor.GetChangedRoot());
    }

    /// <summary>A string literal for <paramref name="value"/> in the quoting style of <paramref name="original"/> (regular, verbatim or raw).</summary>
    private static LiteralExpressionSyntax Literal(LiteralExpressionSyntax original, string value)
    {
        var token = original.Token;
        SyntaxToken created;
        if (token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken))
        {
            created = SyntaxFactory.Token(default, SyntaxKind.SingleLineRawStringLiteralToken, "\"\"\"" + value + "\"\"\"", value, default);
        }
        else if (token.Text.StartsWith("@", StringComparison.Ordinal))
        {
            created = SyntaxFactory.Literal("@\"" + value.Replace("\"", "\"\"") + "\"", value);
        }
        else
        {
            created = SyntaxFactory.Literal(value);
        }

        return SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, created);
    }
}

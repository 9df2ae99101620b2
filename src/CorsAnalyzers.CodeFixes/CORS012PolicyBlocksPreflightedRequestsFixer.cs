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

namespace CorsAnalyzers.CodeFixes;

/// <summary>
/// CORS012 fixes: chain <c>.WithMethods("PUT", ...)</c> (exactly the methods the policy's endpoints need) or
/// <c>.WithHeaders("Content-Type")</c> right after the policy's <c>WithOrigins(...)</c>. Both calls add to the
/// policy's lists, so existing methods and headers stay allowed. Not offered when the diagnostic is not on such a
/// call (a hand-built <c>CorsPolicy</c>, origins set in a helper elsewhere: the diagnostic is then on the policy's name).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CORS012PolicyBlocksPreflightedRequestsFixer)), Shared]
public sealed class CORS012PolicyBlocksPreflightedRequestsFixer : CodeFixProvider
{
    public const string AddMethodsKey = "CORS012.AddMethods";
    public const string AddHeadersKey = "CORS012.AddHeaders";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(CORS012PolicyBlocksPreflightedRequests.Id);

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
            if (Target(root, diagnostic) is null || Call(diagnostic) is not { } call)
            {
                continue;
            }

            var key = call.Name == "WithMethods" ? AddMethodsKey : AddHeadersKey;
            context.RegisterCodeFix(
                CodeAction.Create($"Add {call.Name}({call.Arguments})", ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), key, ct), key),
                diagnostic);
        }
    }

    /// <summary>The call a diagnostic asks for: WithMethods with its methods, or WithHeaders("Content-Type").</summary>
    private static (string Name, string Arguments)? Call(Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(CORS012PolicyBlocksPreflightedRequests.KindProperty, out var kind)
            || !diagnostic.Properties.TryGetValue(CORS012PolicyBlocksPreflightedRequests.ValuesProperty, out var values)
            || string.IsNullOrEmpty(values))
        {
            return null;
        }

        var arguments = string.Join(", ", values!.Split(',').Select(v => SymbolDisplay.FormatLiteral(v, quote: true)));
        return kind switch
        {
            CORS012PolicyBlocksPreflightedRequests.MethodsKind => ("WithMethods", arguments),
            CORS012PolicyBlocksPreflightedRequests.HeadersKind => ("WithHeaders", arguments),
            _ => null,
        };
    }

    /// <summary>The <c>x.WithOrigins(...)</c> invocation the diagnostic points at.</summary>
    private static ExpressionSyntax? Target(SyntaxNode root, Diagnostic diagnostic)
    {
        if (diagnostic.Location.SourceTree != root.SyntaxTree || !root.FullSpan.Contains(diagnostic.Location.SourceSpan))
        {
            return null;
        }

        var span = diagnostic.Location.SourceSpan;
        var node = root.FindNode(span, getInnermostNodeForTie: true);
        foreach (var candidate in node.AncestorsAndSelf())
        {
            switch (candidate)
            {
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "WithOrigins" } access } invocation
                    when access.Name.SpanStart == span.Start && invocation.Span.End == span.End:
                    return invocation;
                case StatementSyntax or MemberDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? equivalenceKey, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var calls = new Dictionary<ExpressionSyntax, List<(string Name, string Arguments)>>();
        foreach (var diagnostic in diagnostics)
        {
            if (Target(root, diagnostic) is not { } target || Call(diagnostic) is not { } call
                || (call.Name == "WithMethods" ? AddMethodsKey : AddHeadersKey) != equivalenceKey)
            {
                continue;
            }

            if (!calls.TryGetValue(target, out var list))
            {
                calls[target] = list = new List<(string, string)>();
            }

            if (!list.Contains(call))
            {
                list.Add(call);
            }
        }

        if (calls.Count == 0)
        {
            return document;
        }

        var newRoot = root.ReplaceNodes(calls.Keys, (original, _) => Append(original, calls[original]));
        return document.WithSyntaxRoot(newRoot);
    }

    /// <summary>
    /// <c>target.WithMethods(...)</c>; where the chain continues on the next line (<c>.AllowCredentials()</c> below),
    /// the new call gets a line of its own with the same indentation.
    /// </summary>
    private static ExpressionSyntax Append(ExpressionSyntax target, List<(string Name, string Arguments)> calls)
    {
        var trailing = target.GetTrailingTrivia();
        var endOfLine = trailing.LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var multiline = target.Parent is MemberAccessExpressionSyntax next && next.Expression == target
            && endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) && next.OperatorToken.LeadingTrivia.All(t => t.IsKind(SyntaxKind.WhitespaceTrivia));

        var current = target;
        foreach (var (name, arguments) in calls.OrderBy(c => c.Name == "WithMethods" ? 0 : 1))
        {
            var dot = SyntaxFactory.Token(SyntaxKind.DotToken);
            ExpressionSyntax receiver = current;
            if (multiline)
            {
                dot = dot.WithLeadingTrivia(((MemberAccessExpressionSyntax)target.Parent!).OperatorToken.LeadingTrivia);
            }
            else
            {
                receiver = current.WithoutTrailingTrivia();
            }

            var access = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, dot, SyntaxFactory.IdentifierName(name));
            current = SyntaxFactory.InvocationExpression(access, SyntaxFactory.ParseArgumentList($"({arguments})"))
                .WithTrailingTrivia(multiline ? SyntaxFactory.TriviaList(endOfLine) : current.GetTrailingTrivia());
        }

        return current;
    }
}

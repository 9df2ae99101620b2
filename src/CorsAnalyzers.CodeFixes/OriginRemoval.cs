using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace CorsAnalyzers.CodeFixes;

/// <summary>
/// Removes origins from a policy: an argument of <c>WithOrigins(...)</c> or <c>new CorsPolicyBuilder(...)</c>, an
/// element of an array, collection expression or <c>Origins = { ... }</c>, a <c>policy.Origins.Add(...)</c> statement,
/// or an <c>AllowAnyOrigin()</c> call. A call left without arguments goes with them (out of its chain, or its statement).
/// Shared by every rule whose fix drops an origin.
/// </summary>
internal static class OriginRemoval
{
    /// <summary>What holds the origin at <paramref name="location"/>, if it is a shape this class can remove; null otherwise.</summary>
    public static SyntaxNode? Target(SyntaxNode root, Location location)
    {
        if (location.SourceTree != root.SyntaxTree || !root.FullSpan.Contains(location.SourceSpan))
        {
            return null;
        }

        var node = root.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
        if (node is ArgumentSyntax argument)
        {
            node = argument.Expression;
        }

        if (node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AllowAnyOrigin" } } allowAny
            && allowAny.Span.Contains(location.SourceSpan) && allowAny.ArgumentList.Arguments.Count == 0)
        {
            return CanRemoveCall(allowAny) ? allowAny : null;
        }

        if (node is not ExpressionSyntax expression || expression.Span != location.SourceSpan)
        {
            return null;
        }

        switch (expression.Parent)
        {
            case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } } arg:
                if (MethodName(invocation) == "WithOrigins")
                {
                    return arg;
                }

                return MethodName(invocation) == "Add" && invocation.Parent is ExpressionStatementSyntax ? arg : null;
            case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: BaseObjectCreationExpressionSyntax } } arg:
                return arg;
            case InitializerExpressionSyntax initializer when initializer.IsKind(SyntaxKind.ArrayInitializerExpression) || initializer.IsKind(SyntaxKind.CollectionInitializerExpression):
                return initializer.Parent is ImplicitArrayCreationExpressionSyntax && initializer.Expressions.Count == 1 ? null : expression;
            case ExpressionElementSyntax element:
                return element;
            default:
                return null;
        }
    }

    /// <summary>An array element or collection expression element: may sit in a field other policies share.</summary>
    public static bool IsListElement(SyntaxNode target) =>
        target is ExpressionElementSyntax || (target.Parent is InitializerExpressionSyntax initializer && initializer.IsKind(SyntaxKind.ArrayInitializerExpression));

    public static void Remove(SyntaxEditor editor, IEnumerable<SyntaxNode> targets)
    {
        var all = new HashSet<SyntaxNode>(targets);
        var edits = new List<(SyntaxNode Node, System.Action Apply)>();
        foreach (var group in all.GroupBy(t => t is InvocationExpressionSyntax ? t : t.Parent!))
        {
            switch (group.Key)
            {
                case InvocationExpressionSyntax allowAny:
                    edits.Add((allowAny, () => RemoveCall(editor, allowAny)));
                    break;
                case ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } when MethodName(invocation) == "Add":
                    edits.Add((invocation.Parent!, () => editor.RemoveNode(invocation.Parent!, SyntaxRemoveOptions.KeepNoTrivia | SyntaxRemoveOptions.KeepDirectives)));
                    break;
                case ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } list when list.Arguments.All(a => all.Contains(a)) && CanRemoveCall(invocation):
                    edits.Add((invocation, () => RemoveCall(editor, invocation)));
                    break;
                case ArgumentListSyntax list:
                    var arguments = Indices(list.Arguments, all);
                    edits.Add((list, () => editor.ReplaceNode(list, (current, _) => current is ArgumentListSyntax l ? l.WithArguments(Without(l.Arguments, arguments)) : current)));
                    break;
                case InitializerExpressionSyntax initializer:
                    var expressions = Indices(initializer.Expressions, all);
                    edits.Add((initializer, () => editor.ReplaceNode(initializer, (current, _) => current is InitializerExpressionSyntax i ? i.WithExpressions(Without(i.Expressions, expressions)) : current)));
                    break;
                case CollectionExpressionSyntax collection:
                    var elements = Indices(collection.Elements, all);
                    edits.Add((collection, () => editor.ReplaceNode(collection, (current, _) => current is CollectionExpressionSyntax c ? c.WithElements(Without(c.Elements, elements)) : current)));
                    break;
            }
        }

        // Inner calls of a chain first, so the edits of outer calls see them.
        foreach (var edit in edits.OrderBy(e => e.Node.Span.Length))
        {
            edit.Apply();
        }
    }

    private static HashSet<int> Indices<T>(SeparatedSyntaxList<T> list, HashSet<SyntaxNode> targets)
        where T : SyntaxNode
    {
        var indices = new HashSet<int>();
        for (var i = 0; i < list.Count; i++)
        {
            if (targets.Contains(list[i]))
            {
                indices.Add(i);
            }
        }

        return indices;
    }

    /// <summary>The list without the given items; the remaining items keep their separators, and the list keeps its outer trivia.</summary>
    private static SeparatedSyntaxList<T> Without<T>(SeparatedSyntaxList<T> list, HashSet<int> removed)
        where T : SyntaxNode
    {
        var kept = Enumerable.Range(0, list.Count).Where(i => !removed.Contains(i)).ToList();
        if (kept.Count == 0)
        {
            return default;
        }

        var nodes = new List<T>();
        var separators = new List<SyntaxToken>();
        for (var k = 0; k < kept.Count; k++)
        {
            var node = list[kept[k]];
            if (k == 0)
            {
                node = node.WithLeadingTrivia(list[0].GetLeadingTrivia());
            }

            if (k == kept.Count - 1)
            {
                node = node.WithTrailingTrivia(list[list.Count - 1].GetTrailingTrivia());
            }
            else
            {
                separators.Add(kept[k] < list.SeparatorCount ? list.GetSeparator(kept[k]) : SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space));
            }

            nodes.Add(node);
        }

        return SyntaxFactory.SeparatedList(nodes, separators);
    }

    private static string? MethodName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        IdentifierNameSyntax name => name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>A call can leave its chain unless it is the whole body of an expression lambda on the bare builder (<c>p => p.WithOrigins("null")</c>).</summary>
    private static bool CanRemoveCall(InvocationExpressionSyntax invocation) =>
        invocation.Expression is MemberAccessExpressionSyntax access
        && (invocation.Parent is not AnonymousFunctionExpressionSyntax || access.Expression is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax);

    private static void RemoveCall(SyntaxEditor editor, InvocationExpressionSyntax invocation)
    {
        var access = (MemberAccessExpressionSyntax)invocation.Expression;
        if (invocation.Parent is ExpressionStatementSyntax statement && access.Expression is not (InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax))
        {
            editor.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia | SyntaxRemoveOptions.KeepDirectives);
            return;
        }

        editor.ReplaceNode(invocation, (current, _) =>
        {
            if (current is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax currentAccess } currentInvocation)
            {
                return current;
            }

            var receiver = currentAccess.Expression;
            var between = receiver.GetTrailingTrivia();
            var trailing = between.Any(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia))
                ? between.AddRange(currentAccess.OperatorToken.LeadingTrivia)
                : currentInvocation.GetTrailingTrivia();
            return receiver.WithTrailingTrivia(trailing);
        });
    }
}

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
        foreach (var group in all.GroupBy(t => t is ArgumentSyntax ? t.Parent : t))
        {
            if (group.Key is ArgumentListSyntax list)
            {
                var whole = list.Arguments.All(a => all.Contains(a));
                switch (list.Parent)
                {
                    case InvocationExpressionSyntax invocation when MethodName(invocation) == "Add":
                        edits.Add((invocation.Parent!, () => editor.RemoveNode(invocation.Parent!, SyntaxRemoveOptions.KeepNoTrivia | SyntaxRemoveOptions.KeepDirectives)));
                        break;
                    case InvocationExpressionSyntax invocation when whole && CanRemoveCall(invocation):
                        edits.Add((invocation, () => RemoveCall(editor, invocation)));
                        break;
                    default:
                        foreach (var argument in group)
                        {
                            edits.Add((argument, () => editor.RemoveNode(argument, SyntaxRemoveOptions.KeepNoTrivia)));
                        }

                        break;
                }
            }
            else if (group.Key is InvocationExpressionSyntax allowAny)
            {
                edits.Add((allowAny, () => RemoveCall(editor, allowAny)));
            }
            else
            {
                edits.Add((group.Key!, () => editor.RemoveNode(group.Key!, SyntaxRemoveOptions.KeepNoTrivia)));
            }
        }

        // Inner calls of a chain first, so the edits of outer calls see them.
        foreach (var edit in edits.OrderBy(e => e.Node.Span.Length))
        {
            edit.Apply();
        }
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

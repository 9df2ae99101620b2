using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CorsAnalyzers.Pipeline;

/// <summary>
/// What a pipeline diagnostic tells its fixer, in its properties and additional locations: the fixer finds the anchor
/// statement (the first additional location) and moves or inserts statements relative to it, nothing more.
/// </summary>
internal static class PipelineFix
{
    /// <summary>Property: one of <see cref="MoveBefore"/>, <see cref="MoveAfter"/>, <see cref="InsertBefore"/>, <see cref="InsertAfter"/>, <see cref="Rename"/>, <see cref="Remove"/>.</summary>
    public const string Kind = "Fix";

    /// <summary>Move the statement holding the diagnostic's UseCors call before / after the anchor statement.</summary>
    public const string MoveBefore = "MoveBefore";
    public const string MoveAfter = "MoveAfter";

    /// <summary>Insert the statements of <see cref="Text"/> before / after the anchor statement.</summary>
    public const string InsertBefore = "InsertBefore";
    public const string InsertAfter = "InsertAfter";

    /// <summary>Replace the string literal at the diagnostic's location with <see cref="Text"/>.</summary>
    public const string Rename = "Rename";

    /// <summary>Remove the statement holding the diagnostic's call.</summary>
    public const string Remove = "Remove";

    /// <summary>Remove the attribute at the diagnostic's location (and its list when it is alone).</summary>
    public const string RemoveAttribute = "RemoveAttribute";

    /// <summary>Property: the statements to insert, one per line, or the new name.</summary>
    public const string Text = "Text";

    /// <summary>Properties of a second insertion, at the second additional location (e.g. a service registration with a middleware).</summary>
    public const string SecondKind = "Fix2";
    public const string SecondText = "Text2";

    /// <summary>The statement an invocation is the whole of (<c>app.UseCors();</c>), in a block or top-level; null for a chain or an expression.</summary>
    public static ExpressionStatementSyntax? PlainStatement(IOperation operation) =>
        operation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax } }
        && operation.Syntax.Parent is ExpressionStatementSyntax { Parent: BlockSyntax or GlobalStatementSyntax } statement
            ? statement
            : null;

    /// <summary>The statement a call starts: <c>app.MapGet(...).RequireCors(...);</c> for the <c>MapGet</c> call; null when the call is not first on an identifier.</summary>
    public static ExpressionStatementSyntax? AnchorStatement(IOperation operation)
    {
        if (operation.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax } })
        {
            return null;
        }

        SyntaxNode current = operation.Syntax;
        while (current.Parent is MemberAccessExpressionSyntax access && access.Expression == current
            && access.Parent is InvocationExpressionSyntax invocation && invocation.Expression == access)
        {
            current = invocation;
        }

        return current.Parent is ExpressionStatementSyntax { Parent: BlockSyntax or GlobalStatementSyntax } statement ? statement : null;
    }

    /// <summary>The identifier a plain statement calls on: <c>app</c> in <c>app.UseRouting();</c>.</summary>
    public static string? Receiver(IOperation operation) =>
        operation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } } ? receiver.Identifier.ValueText : null;

    public static SyntaxNode? Container(StatementSyntax statement) => statement.Parent is GlobalStatementSyntax global ? global.Parent : statement.Parent;

    /// <summary>Data for moving the UseCors of <paramref name="cors"/> next to <paramref name="anchor"/>; null when the two are not plain statements of one list.</summary>
    public static (ImmutableDictionary<string, string?> Properties, IEnumerable<Location> Locations)? Move(PipelineEvent cors, PipelineEvent? anchor, bool before, bool reportedOnCors = true)
    {
        if (anchor is null || PlainStatement(cors.Operation) is not { } moved || AnchorStatement(anchor.Operation) is not { } target
            || moved == target || Container(moved) != Container(target) || Container(moved) is null)
        {
            return null;
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(Kind, before ? MoveBefore : MoveAfter);
        return reportedOnCors
            ? (properties, new[] { target.GetLocation() })
            : (properties.Add(MovedAt, "1"), new[] { target.GetLocation(), cors.Location });
    }

    /// <summary>Property: the UseCors to move is the second additional location (the diagnostic is elsewhere).</summary>
    public const string MovedAt = "MovedAt";

    /// <summary>Data for inserting <paramref name="statements"/> next to <paramref name="anchor"/>; null when the anchor is not a plain statement.</summary>
    public static (ImmutableDictionary<string, string?> Properties, IEnumerable<Location> Locations)? Insert(PipelineEvent? anchor, bool before, string statements)
    {
        if (anchor is null || !anchor.Branches.IsEmpty || AnchorStatement(anchor.Operation) is not { } target)
        {
            return null;
        }

        return (ImmutableDictionary<string, string?>.Empty.Add(Kind, before ? InsertBefore : InsertAfter).Add(Text, statements), new[] { target.GetLocation() });
    }

    public static (ImmutableDictionary<string, string?> Properties, IEnumerable<Location> Locations) Insert(Location statement, bool before, string statements) =>
        (ImmutableDictionary<string, string?>.Empty.Add(Kind, before ? InsertBefore : InsertAfter).Add(Text, statements), new[] { statement });

    public static Diagnostic Create(DiagnosticDescriptor descriptor, Location location, (ImmutableDictionary<string, string?> Properties, IEnumerable<Location> Locations)? fix, params object?[] arguments) =>
        fix is { } data
            ? Diagnostic.Create(descriptor, location, data.Locations, data.Properties, arguments)
            : Diagnostic.Create(descriptor, location, arguments);
}

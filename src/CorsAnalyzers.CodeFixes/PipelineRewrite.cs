using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CorsAnalyzers.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.CodeFixes;

/// <summary>
/// The shared rewrite behind the pipeline fixes: moves the diagnostic's <c>UseCors</c> statement next to the anchor
/// statement the analyzer chose, inserts statements there (<c>app.UseCors();</c>, <c>builder.Services.AddCors();</c>), renames
/// a policy literal, or removes a duplicate call. The anchor may be in another document, so edits apply to the solution;
/// comments of a moved statement move with it, and indentation follows the anchor.
/// </summary>
internal static class PipelineRewrite
{
    /// <summary>The action a diagnostic's fix performs, as an equivalence key: <c>CORS103.MoveUseCors</c>; null when it has none.</summary>
    public static string? Key(Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(PipelineFix.Kind, out var kind))
        {
            return null;
        }

        var action = kind switch
        {
            PipelineFix.MoveBefore or PipelineFix.MoveAfter => "MoveUseCors",
            PipelineFix.InsertBefore or PipelineFix.InsertAfter => diagnostic.Id switch
            {
                "CORS101" => "AddAuthMiddleware",
                "CORS106" => "AddCors",
                "CORS113" => "AddExceptionHandler",
                _ => "AddUseCors",
            },
            PipelineFix.Rename => "UseDefinedPolicy",
            PipelineFix.Remove => "RemoveDuplicate",
            PipelineFix.RemoveAttribute => "RemoveDisableCors",
            _ => null,
        };
        return action is null ? null : diagnostic.Id + "." + action;
    }

    public static string Title(Diagnostic diagnostic)
    {
        diagnostic.Properties.TryGetValue(PipelineFix.Kind, out var kind);
        diagnostic.Properties.TryGetValue(PipelineFix.Text, out var text);
        return kind switch
        {
            PipelineFix.MoveBefore or PipelineFix.MoveAfter => "Move UseCors to its place in the pipeline",
            PipelineFix.InsertBefore or PipelineFix.InsertAfter when diagnostic.Properties.TryGetValue(PipelineFix.SecondText, out var second) =>
                "Add " + second + " " + text,
            PipelineFix.InsertBefore or PipelineFix.InsertAfter => "Add " + string.Join(" ", (text ?? string.Empty).Split('\n')),
            PipelineFix.Rename => $"Use the defined policy '{text}'",
            PipelineFix.Remove => "Remove the duplicate UseCors call",
            PipelineFix.RemoveAttribute => "Remove [DisableCors] (it has no effect)",
            _ => string.Empty,
        };
    }

    /// <summary>Whether the fix can be applied: its nodes exist and have the expected shape.</summary>
    public static async Task<bool> CanApplyAsync(Solution solution, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var edits = await PlanAsync(solution, diagnostic, cancellationToken).ConfigureAwait(false);
        return edits is not null;
    }

    public static async Task<Solution> ApplyAsync(Solution solution, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var edits = new List<Edit>();
        foreach (var diagnostic in diagnostics)
        {
            foreach (var edit in await PlanAsync(solution, diagnostic, cancellationToken).ConfigureAwait(false) ?? new List<Edit>())
            {
                if (!edits.Any(e => e.SameAs(edit)))
                {
                    edits.Add(edit);
                }
            }
        }

        foreach (var group in edits.GroupBy(e => e.Document.Id))
        {
            var document = solution.GetDocument(group.Key);
            if (document is null || await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root)
            {
                continue;
            }

            var nodes = group.SelectMany(e => e.Nodes).Distinct().ToList();
            root = root.TrackNodes(nodes);
            foreach (var edit in group.OrderBy(e => e.Order))
            {
                root = edit.Apply(root);
            }

            foreach (var import in group.Select(e => e.Import).Where(i => i is not null).Distinct())
            {
                if (root is CompilationUnitSyntax unit)
                {
                    root = Imports.Add(unit, import!);
                }
            }

            solution = solution.WithDocumentSyntaxRoot(group.Key, root);
        }

        return solution;
    }

    /// <summary>The edits a diagnostic's fix makes; null when any of them cannot be made.</summary>
    private static async Task<List<Edit>?> PlanAsync(Solution solution, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!diagnostic.Properties.TryGetValue(PipelineFix.Kind, out var kind))
        {
            return null;
        }

        diagnostic.Properties.TryGetValue(PipelineFix.Text, out var text);
        var first = await PlanOneAsync(solution, diagnostic, kind, text, 0, cancellationToken).ConfigureAwait(false);
        if (first is null)
        {
            return null;
        }

        var edits = new List<Edit> { first };
        if (diagnostic.Properties.TryGetValue(PipelineFix.SecondKind, out var secondKind))
        {
            diagnostic.Properties.TryGetValue(PipelineFix.SecondText, out var secondText);
            var second = await PlanOneAsync(solution, diagnostic, secondKind, secondText, 1, cancellationToken).ConfigureAwait(false);
            if (second is null)
            {
                return null;
            }

            edits.Add(second);
        }

        return edits;
    }

    private static async Task<Edit?> PlanOneAsync(Solution solution, Diagnostic diagnostic, string? kind, string? text, int anchor, CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case PipelineFix.MoveBefore or PipelineFix.MoveAfter:
            {
                var movedAt = diagnostic.Properties.ContainsKey(PipelineFix.MovedAt) && diagnostic.AdditionalLocations.Count > 1
                    ? diagnostic.AdditionalLocations[1]
                    : diagnostic.Location;
                if (diagnostic.AdditionalLocations.Count == 0 || diagnostic.AdditionalLocations[0].SourceTree != movedAt.SourceTree
                    || await RootAsync(solution, movedAt, cancellationToken).ConfigureAwait(false) is not (var document, var root)
                    || CallStatement(root, movedAt.SourceSpan) is not { } moved
                    || Item(root, diagnostic.AdditionalLocations[0].SourceSpan) is not { } target
                    || moved == target || moved.Parent != target.Parent)
                {
                    return null;
                }

                return new Edit(document, EditKind.Move, moved, target, kind == PipelineFix.MoveBefore, null);
            }

            case PipelineFix.InsertBefore or PipelineFix.InsertAfter:
            {
                if (diagnostic.AdditionalLocations.Count <= anchor || string.IsNullOrEmpty(text)
                    || await RootAsync(solution, diagnostic.AdditionalLocations[anchor], cancellationToken).ConfigureAwait(false) is not (var document, var root)
                    || Item(root, diagnostic.AdditionalLocations[anchor].SourceSpan) is not { } target
                    || Parse(text!, target) is null)
                {
                    return null;
                }

                // The inserted calls are extension methods: import their namespace where the file does not see it.
                var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                string? import = null;
                foreach (var added in Parse(text!, target)!)
                {
                    var expression = ((ExpressionStatementSyntax)(added is GlobalStatementSyntax global ? global.Statement : added)).Expression;
                    if (model is not null && model.GetSpeculativeSymbolInfo(target.SpanStart, expression, SpeculativeBindingOption.BindAsExpression).Symbol is null)
                    {
                        import = text!.Contains(".Add") ? "Microsoft.Extensions.DependencyInjection" : "Microsoft.AspNetCore.Builder";
                    }
                }

                return new Edit(document, EditKind.Insert, null, target, kind == PipelineFix.InsertBefore, text) { Import = import };
            }

            case PipelineFix.Rename:
            {
                if (string.IsNullOrEmpty(text)
                    || await RootAsync(solution, diagnostic.Location, cancellationToken).ConfigureAwait(false) is not (var document, var root)
                    || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal
                    || !literal.IsKind(SyntaxKind.StringLiteralExpression))
                {
                    return null;
                }

                return new Edit(document, EditKind.Rename, literal, literal, false, text);
            }

            case PipelineFix.RemoveAttribute:
            {
                if (await RootAsync(solution, diagnostic.Location, cancellationToken).ConfigureAwait(false) is not (var document, var root)
                    || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>() is not { Parent: AttributeListSyntax list } attribute)
                {
                    return null;
                }

                return new Edit(document, EditKind.RemoveAttribute, attribute, list.Attributes.Count == 1 ? list : attribute, false, null);
            }

            case PipelineFix.Remove:
            {
                if (await RootAsync(solution, diagnostic.Location, cancellationToken).ConfigureAwait(false) is not (var document, var root)
                    || CallStatement(root, diagnostic.Location.SourceSpan) is not { } removed)
                {
                    return null;
                }

                return new Edit(document, EditKind.Remove, removed, removed, false, null);
            }

            default:
                return null;
        }
    }

    private static async Task<(Document, SyntaxNode)?> RootAsync(Solution solution, Location location, CancellationToken cancellationToken)
    {
        if (location.SourceTree is not { } tree || solution.GetDocument(tree) is not { } document
            || await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root
            || !root.FullSpan.Contains(location.SourceSpan))
        {
            return null;
        }

        return (document, root);
    }

    /// <summary>The list item (statement, or top-level global statement) whose whole expression is the call at <paramref name="span"/>.</summary>
    private static SyntaxNode? CallStatement(SyntaxNode root, TextSpan span)
    {
        var invocation = root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>(i => i.Span.Contains(span));
        return invocation?.Parent is ExpressionStatementSyntax statement && statement.Expression == invocation ? ItemOf(statement) : null;
    }

    /// <summary>The list item of the statement at exactly <paramref name="span"/>.</summary>
    private static SyntaxNode? Item(SyntaxNode root, TextSpan span)
    {
        var statement = root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<StatementSyntax>();
        return statement is not null && statement.Span == span ? ItemOf(statement) : null;
    }

    private static SyntaxNode? ItemOf(StatementSyntax statement) => statement.Parent switch
    {
        GlobalStatementSyntax global => global,
        BlockSyntax => statement,
        _ => null,
    };

    private static List<SyntaxNode>? Parse(string text, SyntaxNode target)
    {
        var result = new List<SyntaxNode>();
        foreach (var line in text.Split('\n'))
        {
            var statement = SyntaxFactory.ParseStatement(line);
            if (statement is not ExpressionStatementSyntax || statement.ContainsDiagnostics)
            {
                return null;
            }

            result.Add(target is GlobalStatementSyntax ? SyntaxFactory.GlobalStatement(statement) : statement);
        }

        return result;
    }

    private enum EditKind
    {
        Move,
        Insert,
        Rename,
        Remove,
        RemoveAttribute,
    }

    private sealed class Edit
    {
        public Edit(Document document, EditKind kind, SyntaxNode? subject, SyntaxNode target, bool before, string? text)
        {
            Document = document;
            Kind = kind;
            Subject = subject;
            Target = target;
            Before = before;
            Text = text;
        }

        public Document Document { get; }

        public EditKind Kind { get; }

        /// <summary>The statement moved, the literal renamed, the statement removed.</summary>
        public SyntaxNode? Subject { get; }

        public SyntaxNode Target { get; }

        public bool Before { get; }

        public string? Text { get; }

        /// <summary>A namespace the inserted code needs imported.</summary>
        public string? Import { get; init; }

        public int Order => Target.SpanStart;

        public IEnumerable<SyntaxNode> Nodes => Subject is null ? new[] { Target } : new[] { Subject, Target };

        public bool SameAs(Edit other) =>
            Document.Id == other.Document.Id && Kind == other.Kind && Subject == other.Subject && Target == other.Target && Before == other.Before && Text == other.Text;

        public SyntaxNode Apply(SyntaxNode root)
        {
            var target = root.GetCurrentNode(Target);
            if (target is null)
            {
                return root;
            }

            switch (Kind)
            {
                case EditKind.Rename:
                    return root.ReplaceNode(target, SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(Text!)).WithTriviaFrom(target));

                case EditKind.Remove:
                    return root.RemoveNode(target, SyntaxRemoveOptions.KeepNoTrivia | SyntaxRemoveOptions.KeepDirectives) ?? root;

                case EditKind.RemoveAttribute when target is AttributeListSyntax list:
                {
                    // The list goes with its line; blank lines and comments before it stay with what follows.
                    var leading = list.GetLeadingTrivia();
                    var lastLine = -1;
                    for (var i = 0; i < leading.Count; i++)
                    {
                        if (leading[i].IsKind(SyntaxKind.EndOfLineTrivia))
                        {
                            lastLine = i;
                        }
                    }

                    var next = list.GetLastToken().GetNextToken();
                    var kept = SyntaxFactory.TriviaList(leading.Take(lastLine + 1));
                    var sameLine = !list.GetTrailingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
                    root = root.ReplaceToken(next, next.WithLeadingTrivia(sameLine ? leading.AddRange(next.LeadingTrivia.Where(t => !t.IsKind(SyntaxKind.WhitespaceTrivia))) : kept.AddRange(next.LeadingTrivia)));
                    var current = root.GetCurrentNode(Target);
                    return current is null ? root : root.RemoveNode(current, SyntaxRemoveOptions.KeepNoTrivia) ?? root;
                }

                case EditKind.RemoveAttribute:
                {
                    var list = (AttributeListSyntax)target.Parent!;
                    return root.ReplaceNode(list, list.WithAttributes(list.Attributes.Remove((AttributeSyntax)target)));
                }

                case EditKind.Insert:
                {
                    var added = Parse(Text!, target);
                    if (added is null)
                    {
                        return root;
                    }

                    return Place(root, target, added.Select(n => (n, SyntaxTriviaList.Empty)).ToList());
                }

                case EditKind.Move:
                {
                    var moved = root.GetCurrentNode(Subject!);
                    if (moved is null || moved.Parent != target.Parent)
                    {
                        return root;
                    }

                    var own = Strip(moved.GetLeadingTrivia());
                    var trailing = moved.GetTrailingTrivia();
                    if (!trailing.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)))
                    {
                        trailing = trailing.Add(EndOfLine(target));
                    }

                    var item = moved.WithoutTrivia().WithTrailingTrivia(trailing);
                    root = root.RemoveNode(moved, SyntaxRemoveOptions.KeepNoTrivia | SyntaxRemoveOptions.KeepDirectives) ?? root;
                    target = root.GetCurrentNode(Target);
                    return target is null ? root : Place(root, target, new List<(SyntaxNode, SyntaxTriviaList)> { (item, own) });
                }

                default:
                    return root;
            }
        }

        /// <summary>Puts <paramref name="items"/> before or after the target, each indented like it; before, they go under the target's comments.</summary>
        private SyntaxNode Place(SyntaxNode root, SyntaxNode target, List<(SyntaxNode Node, SyntaxTriviaList Own)> items)
        {
            var leading = target.GetLeadingTrivia();
            var lastLine = -1;
            for (var i = 0; i < leading.Count; i++)
            {
                if (leading[i].IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    lastLine = i;
                }
            }

            var head = SyntaxFactory.TriviaList(leading.Take(lastLine + 1));
            var indent = SyntaxFactory.TriviaList(leading.Skip(lastLine + 1).Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)));
            var eol = EndOfLine(target);
            var placed = new List<SyntaxNode>();
            for (var i = 0; i < items.Count; i++)
            {
                var (node, own) = items[i];
                var prefix = Before && i == 0 ? head.AddRange(indent) : indent;
                var trailing = node.GetTrailingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) ? node.GetTrailingTrivia() : SyntaxFactory.TriviaList(eol);
                placed.Add(node.WithLeadingTrivia(prefix.AddRange(own)).WithTrailingTrivia(trailing));
            }

            if (Before)
            {
                placed.Add(target.WithLeadingTrivia(indent));
                return root.ReplaceNode(target, placed);
            }

            return root.InsertNodesAfter(target, placed);
        }

        /// <summary>A moved statement's own comments, without the blank lines and indentation before them.</summary>
        private static SyntaxTriviaList Strip(SyntaxTriviaList leading)
        {
            var skip = 0;
            while (skip < leading.Count && leading[skip].IsKind(SyntaxKind.WhitespaceTrivia) || skip < leading.Count && leading[skip].IsKind(SyntaxKind.EndOfLineTrivia))
            {
                skip++;
            }

            return SyntaxFactory.TriviaList(leading.Skip(skip));
        }

        private static SyntaxTrivia EndOfLine(SyntaxNode node)
        {
            foreach (var trivia in node.GetTrailingTrivia())
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return trivia;
                }
            }

            return node.SyntaxTree.ToString().Contains("\r\n") ? SyntaxFactory.CarriageReturnLineFeed : SyntaxFactory.LineFeed;
        }
    }
}

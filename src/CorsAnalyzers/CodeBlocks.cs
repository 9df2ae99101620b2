using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers;

/// <summary>
/// The analyzers read code blocks (a method, an accessor, top-level statements, an initializer) as syntax first and ask
/// for their operations only when <see cref="SourceNames"/> finds a name of interest. An operation-block action would
/// make the compiler build the operation tree of every block in the program before the analyzer sees it; a code-block
/// action leaves the trees of the many blocks we skip unbuilt.
/// </summary>
internal static class CodeBlocks
{
    /// <summary>
    /// The flags (of <see cref="SourceIndex"/>) of the names in a code block's executable parts: bodies and
    /// initializers, not attributes or signatures. Stops once <paramref name="enough"/> are all found.
    /// </summary>
    public static int Flags(CodeBlockAnalysisContext block, SourceIndex index, int enough)
    {
        // Every part read below lies inside the block's node. When the node's full text (signature and attributes
        // too) names nothing, as for most blocks, no part does: its full span costs nothing to compute, where a part's
        // span walks the trivia around it and reaching a part may make its node.
        if (index.Flags(block.CodeBlock.FullSpan, enough) == 0)
        {
            return 0;
        }

        var flags = 0;
        switch (block.CodeBlock)
        {
            case BaseMethodDeclarationSyntax method:
                if (method is ConstructorDeclarationSyntax { Initializer: { } initializer })
                {
                    flags |= index.Flags(initializer.Span, enough);
                }

                flags |= Flags(index, method.Body, enough & ~flags);
                flags |= Flags(index, method.ExpressionBody, enough & ~flags);
                break;
            case AccessorDeclarationSyntax accessor:
                flags |= Flags(index, accessor.Body, enough);
                flags |= Flags(index, accessor.ExpressionBody, enough & ~flags);
                break;
            case CompilationUnitSyntax unit:
                foreach (var member in unit.Members)
                {
                    if (member is GlobalStatementSyntax statement)
                    {
                        flags |= index.Flags(statement.Span, enough & ~flags);
                    }
                }

                break;
            case ArrowExpressionClauseSyntax arrow:
                flags |= index.Flags(arrow.Span, enough);
                break;
            case BaseFieldDeclarationSyntax field: // as Initializers reads it, without an iterator: most blocks get here
                foreach (var variable in field.Declaration.Variables)
                {
                    if (FieldInitializer(variable, block.OwningSymbol) is { } value)
                    {
                        flags |= index.Flags(value.Span, enough & ~flags);
                    }
                }

                break;
            default:
                flags |= Flags(index, OwnInitializer(block.CodeBlock), enough);
                break;
        }

        return flags;
    }

    /// <summary>
    /// Whether the method whose code block <paramref name="codeBlock"/> is can carry attributes: false for a method or
    /// accessor whose declaration has no attribute list and that is not partial (whose other part might have some).
    /// </summary>
    public static bool MayHaveAttributes(SyntaxNode codeBlock) => codeBlock switch
    {
        BaseMethodDeclarationSyntax method => method.AttributeLists.Count > 0 || method.Modifiers.Any(SyntaxKind.PartialKeyword),
        AccessorDeclarationSyntax accessor => accessor.AttributeLists.Count > 0
            || (accessor.Parent?.Parent is BasePropertyDeclarationSyntax property && property.Modifiers.Any(SyntaxKind.PartialKeyword)),
        _ => true,
    };

    /// <summary>
    /// A block's <c>ReportDiagnostic</c> as a delegate of our own. A delegate made straight from the method group (a
    /// method of a struct in Roslyn's assembly) was built by the runtime's delegate constructor, which showed in profiles.
    /// </summary>
    public static Action<Diagnostic> Reporter(CodeBlockAnalysisContext block) => d => block.ReportDiagnostic(d);

    private static int Flags(SourceIndex index, SyntaxNode? node, int enough) => node is null || enough == 0 ? 0 : index.Flags(node.Span, enough);

    /// <summary>
    /// The operations of a code block, as an operation-block action would see them: the body (with a constructor's
    /// initializer), the top-level statements, or the field, property or enum member initializer.
    /// </summary>
    public static ImmutableArray<IOperation> Operations(CodeBlockAnalysisContext context)
    {
        var model = context.SemanticModel;
        var codeBlock = context.CodeBlock;
        if (codeBlock is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or CompilationUnitSyntax or ArrowExpressionClauseSyntax)
        {
            return model.GetOperation(codeBlock, context.CancellationToken) is { } body ? ImmutableArray.Create(body) : ImmutableArray<IOperation>.Empty;
        }

        var operations = ImmutableArray.CreateBuilder<IOperation>();
        foreach (var initializer in Initializers(codeBlock, context.OwningSymbol))
        {
            if (model.GetOperation(initializer, context.CancellationToken) is { } operation)
            {
                operations.Add(operation);
            }
        }

        return operations.ToImmutable();
    }

    /// <summary>
    /// The operations of <paramref name="blocks"/> in the order of <c>DescendantsAndSelf</c>, except inside the body of
    /// a lambda or anonymous method for which <paramref name="enterBody"/> says no. Minimal-API handlers are most of
    /// the operations of an endpoint module and hold nothing the models read; their trees are then never built.
    /// </summary>
    public static IEnumerable<IOperation> Walk(ImmutableArray<IOperation> blocks, Func<IAnonymousFunctionOperation, bool> enterBody)
    {
        // A stack of the children still to visit at each depth (struct enumerators, advanced in place in the array),
        // the thread's own when no other walk holds it.
        var stack = t_freeStack ?? new IOperation.OperationList.Enumerator[16];
        t_freeStack = null;
        try
        {
            foreach (var block in blocks)
            {
                yield return block;
                var depth = 0;
                stack[depth++] = block.ChildOperations.GetEnumerator();
                while (depth > 0)
                {
                    if (!stack[depth - 1].MoveNext())
                    {
                        depth--;
                        continue;
                    }

                    var operation = stack[depth - 1].Current;
                    yield return operation;
                    if (operation is IAnonymousFunctionOperation lambda && !enterBody(lambda))
                    {
                        continue;
                    }

                    if (depth == stack.Length)
                    {
                        Array.Resize(ref stack, depth * 2);
                    }

                    stack[depth++] = operation.ChildOperations.GetEnumerator();
                }
            }
        }
        finally
        {
            Array.Clear(stack, 0, stack.Length); // keeps no operation tree alive
            t_freeStack = stack;
        }
    }

    [ThreadStatic]
    private static IOperation.OperationList.Enumerator[]? t_freeStack;

    /// <summary>
    /// Whether a collector must walk a lambda's body: it names something of interest (<paramref name="names"/>, flags of
    /// <see cref="SourceIndex"/>, looked up in its tree's index), or mentions one of <paramref name="locals"/> (names of
    /// the enclosing code's locals and parameters whose uses the collector follows).
    /// </summary>
    public static bool BodyMayMatter(IAnonymousFunctionOperation lambda, int names, HashSet<string> locals)
    {
        if (BodySyntax(lambda) is not { } body)
        {
            return false;
        }

        if (SourceIndex.Of(body.SyntaxTree).Flags(body.Span, names) != 0)
        {
            return true;
        }

        if (locals.Count == 0)
        {
            return false;
        }

        using var text = BodyText(lambda);
        foreach (var name in locals)
        {
            if (text.ContainsIdentifier(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The source of a lambda's or anonymous method's body, for a pre-filter to search.</summary>
    public static BlockText BodyText(IAnonymousFunctionOperation lambda)
    {
        var text = BlockText.Rent();
        if (BodySyntax(lambda) is { } body)
        {
            text.Append(body.SyntaxTree.GetText(), body.Span);
        }

        return text;
    }

    private static SyntaxNode? BodySyntax(IAnonymousFunctionOperation lambda) => lambda.Syntax switch
    {
        AnonymousFunctionExpressionSyntax function => function.Body,
        _ => lambda.Body.Syntax,
    };

    /// <summary>The initializers a field, property or enum member declaration gives the owning symbol.</summary>
    private static IEnumerable<EqualsValueClauseSyntax> Initializers(SyntaxNode codeBlock, ISymbol owningSymbol)
    {
        if (codeBlock is BaseFieldDeclarationSyntax field)
        {
            foreach (var variable in field.Declaration.Variables)
            {
                if (FieldInitializer(variable, owningSymbol) is { } initializer)
                {
                    yield return initializer;
                }
            }
        }
        else if (OwnInitializer(codeBlock) is { } initializer)
        {
            yield return initializer;
        }
    }

    /// <summary>The initializer of the field <paramref name="variable"/> declares, when that field is <paramref name="owningSymbol"/>.</summary>
    private static EqualsValueClauseSyntax? FieldInitializer(VariableDeclaratorSyntax variable, ISymbol owningSymbol) =>
        variable.Initializer is { } initializer && variable.Identifier.ValueText == owningSymbol.Name ? initializer : null;

    /// <summary>The initializer of a variable, property or enum member declaration.</summary>
    private static EqualsValueClauseSyntax? OwnInitializer(SyntaxNode codeBlock) => codeBlock switch
    {
        VariableDeclaratorSyntax declarator => declarator.Initializer,
        PropertyDeclarationSyntax property => property.Initializer,
        EnumMemberDeclarationSyntax member => member.EqualsValue,
        _ => null,
    };
}

/// <summary>
/// The source of a code block's parts in a pooled buffer, separated by line breaks so that no two identifiers run
/// together. Searching it costs no allocation; <see cref="Dispose"/> hands it back for the thread's next block.
/// </summary>
/// <remarks>
/// Allocation is what a pre-filter must avoid most. Analyzers run among the compiler's own allocations, and a garbage
/// collection is charged to whichever callback happens to trigger it: a few bytes per block, over every block of a
/// large program, cost more in collections than the search itself.
/// </remarks>
internal sealed class BlockText : IDisposable
{
    /// <summary>Texts no longer in use on this thread, each with its buffer; a nested text (a lambda's, inside its block's) takes a second one.</summary>
    [ThreadStatic]
    private static BlockText? t_free;

    /// <summary>A buffer larger than this (a very long method) is not kept for the next block.</summary>
    private const int LargestKept = 1 << 20;

    private char[] _buffer = new char[1024];
    private BlockText? _next;
    private bool _rented;

    private BlockText()
    {
    }

    public int Length { get; private set; }

    public ReadOnlySpan<char> Span => new(_buffer, 0, Length);

    /// <summary>An empty text: one this thread handed back, or a new one.</summary>
    public static BlockText Rent()
    {
        var text = t_free ?? new BlockText();
        t_free = text._next;
        text._next = null;
        text._rented = true;
        return text;
    }

    /// <summary>Appends the source of <paramref name="node"/>, if there is one.</summary>
    public void Append(SourceText source, SyntaxNode? node)
    {
        if (node is not null)
        {
            Append(source, node.Span);
        }
    }

    public void Append(SourceText source, TextSpan span)
    {
        var needed = Length + span.Length + 1;
        if (needed > _buffer.Length)
        {
            var larger = new char[Math.Max(needed, _buffer.Length * 2)];
            Array.Copy(_buffer, larger, Length);
            _buffer = larger;
        }

        source.CopyTo(span.Start, _buffer, Length, span.Length);
        Length += span.Length;
        _buffer[Length++] = '\n';
    }

    /// <summary>Whether <paramref name="name"/> appears as a whole identifier.</summary>
    public bool ContainsIdentifier(string name)
    {
        var text = Span;
        for (var from = 0; from < text.Length;)
        {
            var found = text.Slice(from).IndexOf(name.AsSpan());
            if (found < 0)
            {
                return false;
            }

            var start = from + found;
            if (SourceNames.IsWholeIdentifier(text, start, name.Length))
            {
                return true;
            }

            from = start + name.Length;
        }

        return false;
    }

    public void Dispose()
    {
        if (!_rented)
        {
            return;
        }

        _rented = false;
        Length = 0;
        if (_buffer.Length > LargestKept)
        {
            _buffer = new char[1024];
        }

        _next = t_free;
        t_free = this;
    }
}

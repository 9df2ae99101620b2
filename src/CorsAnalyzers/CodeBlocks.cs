using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers;

/// <summary>
/// The analyzers read code blocks (a method, an accessor, top-level statements, an initializer) as syntax first and ask
/// for their operations only when <see cref="SourceNames"/> finds a name of interest. An operation-block action would
/// make the compiler build the operation tree of every block in the program before the analyzer sees it; a code-block
/// action leaves the trees of the many blocks we skip unbuilt.
/// </summary>
internal static class CodeBlocks
{
    /// <summary>The executable parts of a code block whose source is worth reading: bodies and initializers, not attributes or signatures.</summary>
    public static IEnumerable<SyntaxNode> Parts(SyntaxNode codeBlock, ISymbol owningSymbol)
    {
        switch (codeBlock)
        {
            case BaseMethodDeclarationSyntax method:
                if (method is ConstructorDeclarationSyntax { Initializer: { } initializer })
                {
                    yield return initializer;
                }

                if (method.Body is { } body)
                {
                    yield return body;
                }

                if (method.ExpressionBody is { } expression)
                {
                    yield return expression;
                }

                break;
            case AccessorDeclarationSyntax accessor:
                if (accessor.Body is { } accessorBody)
                {
                    yield return accessorBody;
                }

                if (accessor.ExpressionBody is { } accessorExpression)
                {
                    yield return accessorExpression;
                }

                break;
            case CompilationUnitSyntax unit:
                foreach (var member in unit.Members)
                {
                    if (member is GlobalStatementSyntax statement)
                    {
                        yield return statement;
                    }
                }

                break;
            default:
                foreach (var value in Initializers(codeBlock, owningSymbol))
                {
                    yield return value;
                }

                if (codeBlock is ArrowExpressionClauseSyntax)
                {
                    yield return codeBlock;
                }

                break;
        }
    }

    /// <summary>The source text of each of <see cref="Parts"/>: read once per block, then searched by every pre-filter.</summary>
    public static IReadOnlyList<string> Texts(CodeBlockAnalysisContext block)
    {
        var texts = new List<string>(1);
        foreach (var part in Parts(block.CodeBlock, block.OwningSymbol))
        {
            texts.Add(part.SyntaxTree.GetText(block.CancellationToken).ToString(part.Span));
        }

        return texts;
    }

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

    /// <summary>The initializers a field, property or enum member declaration gives the owning symbol.</summary>
    private static IEnumerable<EqualsValueClauseSyntax> Initializers(SyntaxNode codeBlock, ISymbol owningSymbol)
    {
        switch (codeBlock)
        {
            case BaseFieldDeclarationSyntax field:
                foreach (var variable in field.Declaration.Variables)
                {
                    if (variable.Initializer is { } initializer && variable.Identifier.ValueText == owningSymbol.Name)
                    {
                        yield return initializer;
                    }
                }

                break;
            case VariableDeclaratorSyntax { Initializer: { } declaratorInitializer }:
                yield return declaratorInitializer;
                break;
            case PropertyDeclarationSyntax { Initializer: { } propertyInitializer }:
                yield return propertyInitializer;
                break;
            case EnumMemberDeclarationSyntax { EqualsValue: { } value }:
                yield return value;
                break;
        }
    }
}

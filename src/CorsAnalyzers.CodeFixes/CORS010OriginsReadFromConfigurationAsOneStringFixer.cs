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
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.CodeFixes;

/// <summary>
/// CORS010 fixes: (a) <c>WithOrigins(config["Cors:Origins"])</c> becomes
/// <c>WithOrigins(config.GetSection("Cors:Origins").Get&lt;string[]&gt;() ?? Array.Empty&lt;string&gt;())</c> (same key, read as an
/// array); (b) <c>Split(',')</c> gets <c>StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries</c>, offered
/// only where the target framework has TrimEntries (.NET 5 and later).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CORS010OriginsReadFromConfigurationAsOneStringFixer)), Shared]
public sealed class CORS010OriginsReadFromConfigurationAsOneStringFixer : CodeFixProvider
{
    public const string ReadArrayKey = "CORS010.ReadArray";
    public const string TrimEntriesKey = "CORS010.TrimEntries";

    private const string Options = "StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(CORS010OriginsReadFromConfigurationAsOneString.Id);

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
            if (ArrayRead(root, model, diagnostic, context.CancellationToken) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Read the configured origins as an array (Get<string[]>())",
                        ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), ReadArrayKey, ct),
                        ReadArrayKey),
                    diagnostic);
            }

            if (SplitEdit(root, model, diagnostic, context.CancellationToken) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Split with RemoveEmptyEntries | TrimEntries",
                        ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), TrimEntriesKey, ct),
                        TrimEntriesKey),
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
        var imports = new HashSet<string>();
        var done = new HashSet<SyntaxNode>();
        foreach (var diagnostic in diagnostics)
        {
            if (equivalenceKey == ReadArrayKey && ArrayRead(root, model, diagnostic, cancellationToken) is { } read && done.Add(read.Target))
            {
                editor.ReplaceNode(read.Target, read.Replacement.WithTriviaFrom(read.Target));
                if (read.Import is not null)
                {
                    imports.Add(read.Import);
                }
            }
            else if (equivalenceKey == TrimEntriesKey && SplitEdit(root, model, diagnostic, cancellationToken) is { } split && done.Add(split.Target))
            {
                editor.ReplaceNode(split.Target, split.Replacement.WithTriviaFrom(split.Target));
                if (split.Import is not null)
                {
                    imports.Add(split.Import);
                }
            }
        }

        var newRoot = editor.GetChangedRoot();
        if (newRoot is CompilationUnitSyntax unit)
        {
            foreach (var import in imports.OrderBy(i => i, System.StringComparer.Ordinal))
            {
                unit = Imports.Add(unit, import);
            }

            newRoot = unit;
        }

        return document.WithSyntaxRoot(newRoot);
    }

    private sealed class Edit
    {
        public Edit(SyntaxNode target, SyntaxNode replacement, string? import)
        {
            Target = target;
            Replacement = replacement;
            Import = import;
        }

        public SyntaxNode Target { get; }

        public SyntaxNode Replacement { get; }

        /// <summary>A namespace the replacement needs a <c>using</c> for, or null.</summary>
        public string? Import { get; }
    }

    /// <summary>
    /// (a): the single argument of <c>WithOrigins</c>/<c>new CorsPolicyBuilder</c> is <c>config[key]</c>, <c>config.GetValue&lt;string&gt;(key)</c>
    /// or <c>section.Value</c>, written right there (a local or a <c>??</c> default is left alone).
    /// </summary>
    private static Edit? ArrayRead(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!Is(diagnostic, CORS010OriginsReadFromConfigurationAsOneString.Scalar) || diagnostic.Location.SourceTree != root.SyntaxTree || !root.FullSpan.Contains(diagnostic.Location.SourceSpan))
        {
            return null;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (node.FirstAncestorOrSelf<ArgumentSyntax>() is not { Parent: ArgumentListSyntax { Arguments.Count: 1 } list } argument
            || !IsBuilderOrigins(list.Parent, model, cancellationToken))
        {
            return null;
        }

        var read = CORS010OriginsReadFromConfigurationAsOneString.Strip(argument.Expression);
        if (read.Span != diagnostic.Location.SourceSpan && argument.Expression.Span != diagnostic.Location.SourceSpan)
        {
            return null;
        }

        string? source;
        ExpressionSyntax? key = null;
        switch (read)
        {
            case ElementAccessExpressionSyntax { ArgumentList.Arguments.Count: 1 } indexer when IsConfiguration(model.GetTypeInfo(indexer.Expression, cancellationToken).Type, model):
                source = indexer.Expression.WithoutTrivia().ToString();
                key = indexer.ArgumentList.Arguments[0].Expression;
                break;
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: GenericNameSyntax { Identifier.ValueText: "GetValue" } } access, ArgumentList.Arguments.Count: 1 } getValue
                when model.GetSymbolInfo(getValue, cancellationToken).Symbol is IMethodSymbol { ContainingType.Name: "ConfigurationBinder" }:
                source = access.Expression.WithoutTrivia().ToString();
                key = getValue.ArgumentList.Arguments[0].Expression;
                break;
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Value" } value when IsConfiguration(model.GetTypeInfo(value.Expression, cancellationToken).Type, model):
                source = value.Expression.WithoutTrivia().ToString();
                break;
            default:
                return null;
        }

        var section = key is null ? source : $"{source}.GetSection({key.WithoutTrivia()})";
        var get = SyntaxFactory.ParseExpression($"{section}.Get<string[]>()");
        var position = argument.SpanStart;
        var import = model.GetSpeculativeSymbolInfo(position, get, SpeculativeBindingOption.BindAsExpression).Symbol is null ? "Microsoft.Extensions.Configuration" : null;
        var shortFallback = SyntaxFactory.ParseExpression("Array.Empty<string>()");
        var fallback = model.GetSpeculativeSymbolInfo(position, shortFallback, SpeculativeBindingOption.BindAsExpression).Symbol is IMethodSymbol { ContainingType.SpecialType: SpecialType.System_Array }
            ? shortFallback
            : SyntaxFactory.ParseExpression("System.Array.Empty<string>()");
        return new Edit(argument.Expression, SyntaxFactory.BinaryExpression(SyntaxKind.CoalesceExpression, get, fallback), import);
    }

    /// <summary>(b): the <c>Split</c> call gets (or has its options replaced by) RemoveEmptyEntries | TrimEntries.</summary>
    private static Edit? SplitEdit(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!Is(diagnostic, CORS010OriginsReadFromConfigurationAsOneString.Split) || diagnostic.Location.SourceTree != root.SyntaxTree || !root.FullSpan.Contains(diagnostic.Location.SourceSpan))
        {
            return null;
        }

        var optionsType = model.Compilation.GetTypeByMetadataName("System.StringSplitOptions");
        if (optionsType is null || optionsType.GetMembers("TrimEntries").IsEmpty)
        {
            return null; // before .NET 5: no TrimEntries
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var invocation = node.FirstAncestorOrSelf<InvocationExpressionSyntax>(i => i.Span.Contains(diagnostic.Location.SourceSpan)
            && i.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Split" } or MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Split" });
        if (invocation is null || model.GetOperation(invocation, cancellationToken) is not IInvocationOperation { TargetMethod: { Name: "Split", ContainingType.SpecialType: SpecialType.System_String } } operation)
        {
            return null;
        }

        string? import = null;
        if (model.GetSpeculativeSymbolInfo(invocation.SpanStart, SyntaxFactory.ParseExpression("StringSplitOptions.TrimEntries"), SpeculativeBindingOption.BindAsExpression).Symbol is null)
        {
            import = "System";
        }

        var options = SyntaxFactory.ParseExpression(Options);
        var arguments = invocation.ArgumentList.Arguments;
        var explicitOptions = operation.Arguments.FirstOrDefault(a => a.ArgumentKind == ArgumentKind.Explicit && SymbolEqualityComparer.Default.Equals(a.Parameter?.Type, optionsType));
        SeparatedSyntaxList<ArgumentSyntax> updated;
        if (explicitOptions?.Syntax is ArgumentSyntax optionsArgument)
        {
            updated = arguments.Replace(optionsArgument, optionsArgument.WithExpression(options.WithTriviaFrom(optionsArgument.Expression)));
        }
        else if (operation.Arguments.Any(a => a.ArgumentKind == ArgumentKind.ParamArray) && arguments.Count > 1)
        {
            // Split(',', ';') uses the params array: Split(new[] { ',', ';' }, options).
            if (arguments.Any(a => a.NameColon is not null))
            {
                return null;
            }

            var array = SyntaxFactory.ImplicitArrayCreationExpression(
                SyntaxFactory.InitializerExpression(SyntaxKind.ArrayInitializerExpression, SyntaxFactory.SeparatedList(arguments.Select(a => a.Expression.WithoutTrivia()))));
            updated = SyntaxFactory.SeparatedList(new[] { SyntaxFactory.Argument(array), SyntaxFactory.Argument(options) });
        }
        else if (arguments.Count >= 1 && arguments.All(a => a.NameColon is null))
        {
            updated = arguments.Add(SyntaxFactory.Argument(options));
        }
        else
        {
            return null;
        }

        var newList = invocation.ArgumentList.WithArguments(updated);
        return new Edit(invocation.ArgumentList, newList, import);
    }

    private static bool Is(Diagnostic diagnostic, string kind) =>
        diagnostic.Properties.TryGetValue(CORS010OriginsReadFromConfigurationAsOneString.KindProperty, out var value) && value == kind;

    private static bool IsBuilderOrigins(SyntaxNode? owner, SemanticModel model, CancellationToken cancellationToken) => owner switch
    {
        InvocationExpressionSyntax invocation => model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol { Name: "WithOrigins" } method
            && method.ContainingType.ToDisplayString() == "Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicyBuilder",
        BaseObjectCreationExpressionSyntax creation => model.GetTypeInfo(creation, cancellationToken).Type?.ToDisplayString() == "Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicyBuilder",
        _ => false,
    };

    private static bool IsConfiguration(ITypeSymbol? type, SemanticModel model)
    {
        var configuration = model.Compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.IConfiguration");
        return type is not null && configuration is not null
            && (SymbolEqualityComparer.Default.Equals(type, configuration) || type.AllInterfaces.Contains(configuration, SymbolEqualityComparer.Default));
    }
}

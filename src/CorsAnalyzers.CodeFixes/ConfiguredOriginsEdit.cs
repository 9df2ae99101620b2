using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CorsAnalyzers.Policies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace CorsAnalyzers.CodeFixes;

/// <summary>
/// Rewrites a wildcard origin (<c>AllowAnyOrigin()</c>, <c>WithOrigins("*")</c>, <c>new CorsPolicyBuilder("*")</c>) or an
/// origin predicate (<c>SetIsOriginAllowed(...)</c>) into
/// <c>WithOrigins(config.GetSection("Cors:AllowedOrigins").Get&lt;string[]&gt;() ?? Array.Empty&lt;string&gt;())</c>.
/// Shared by every rule whose fix substitutes configured origins; the diagnostic says what to replace in its
/// <see cref="OriginTargets.Property"/> property.
/// </summary>
internal sealed class ConfiguredOriginsEdit
{
    public const string ConfigurationKey = "Cors:AllowedOrigins";

    private readonly SyntaxNode _target;
    private readonly ExpressionSyntax _origins;

    private ConfiguredOriginsEdit(SyntaxNode target, ExpressionSyntax origins, bool needsConfigurationImport)
    {
        _target = target;
        _origins = origins;
        NeedsConfigurationImport = needsConfigurationImport;
    }

    /// <summary>The <c>Get&lt;T&gt;</c> extension does not bind where the edit lands: <c>using Microsoft.Extensions.Configuration;</c> is needed.</summary>
    public bool NeedsConfigurationImport { get; }

    public static ConfiguredOriginsEdit? TryCreate(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (diagnostic.Location.SourceTree != root.SyntaxTree
            || !diagnostic.Properties.TryGetValue(OriginTargets.Property, out var wildcard))
        {
            return null;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        SyntaxNode? target = wildcard switch
        {
            OriginTargets.AllowAnyOrigin or OriginTargets.SetIsOriginAllowed =>
                node.FirstAncestorOrSelf<InvocationExpressionSyntax>(i => i.Expression is MemberAccessExpressionSyntax access && access.Name.Identifier.ValueText == wildcard),
            OriginTargets.OriginValue =>
                node.FirstAncestorOrSelf<ArgumentListSyntax>(list => list.Parent is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax),
            _ => null,
        };
        if (target is null)
        {
            return null;
        }

        var configuration = ReachableConfiguration.Find(model, target, cancellationToken);
        if (configuration is null)
        {
            return null;
        }

        var read = SyntaxFactory.ParseExpression($"{configuration}.GetSection(\"{ConfigurationKey}\").Get<string[]>()");
        var needsImport = model.GetSpeculativeSymbolInfo(target.SpanStart, read, SpeculativeBindingOption.BindAsExpression).Symbol is null;
        var shortFallback = SyntaxFactory.ParseExpression("Array.Empty<string>()");
        var fallback = model.GetSpeculativeSymbolInfo(target.SpanStart, shortFallback, SpeculativeBindingOption.BindAsExpression).Symbol is IMethodSymbol { ContainingType.SpecialType: SpecialType.System_Array }
            ? shortFallback
            : SyntaxFactory.ParseExpression("System.Array.Empty<string>()");
        var origins = SyntaxFactory.BinaryExpression(SyntaxKind.CoalesceExpression, read, fallback);
        return new ConfiguredOriginsEdit(target, origins, needsImport);
    }

    /// <summary>Applies the edit for every diagnostic that has one (a Fix All batch in one document), adding the import where needed.</summary>
    public static async Task<Document> ApplyAllAsync(Document document, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var editor = new SyntaxEditor(root, document.Project.Solution.Workspace.Services);
        var needsConfigurationImport = false;
        var targets = new HashSet<SyntaxNode>();
        foreach (var diagnostic in diagnostics)
        {
            if (TryCreate(root, model, diagnostic, cancellationToken) is { } edit && targets.Add(edit._target))
            {
                edit.Apply(editor);
                needsConfigurationImport |= edit.NeedsConfigurationImport;
            }
        }

        var newRoot = editor.GetChangedRoot();
        if (needsConfigurationImport && newRoot is CompilationUnitSyntax unit)
        {
            newRoot = Imports.Add(unit, "Microsoft.Extensions.Configuration");
        }

        return document.WithSyntaxRoot(newRoot);
    }

    public void Apply(SyntaxEditor editor)
    {
        var argumentList = SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(_origins)));
        editor.ReplaceNode(_target, (current, _) => current switch
        {
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation => invocation
                .WithExpression(access.WithName(SyntaxFactory.IdentifierName("WithOrigins").WithTriviaFrom(access.Name)))
                .WithArgumentList(argumentList.WithTriviaFrom(invocation.ArgumentList)),
            ArgumentListSyntax list => argumentList.WithTriviaFrom(list),
            _ => current,
        });
    }
}

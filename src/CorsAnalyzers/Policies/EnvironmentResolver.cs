using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Policies;

/// <summary>
/// Decides whether a helper method that builds a policy runs outside development: it does when some call to it is
/// not under a development check and comes from an entry point or from a method that does. A method nobody in the
/// compilation calls stays unknown (a library's extension method), and rules that need the environment stay silent.
/// Call sites are looked up on demand at compilation end, only for the few methods that hold such policies, so
/// compilations without them pay nothing.
/// </summary>
internal sealed class EnvironmentResolver
{
    private readonly Compilation _compilation;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<IMethodSymbol, PolicyEnvironment> _resolved = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<SyntaxTree, SemanticModel> _models = new();
    private readonly Dictionary<string, List<InvocationExpressionSyntax>> _invocationsByName = new(System.StringComparer.Ordinal);
    private readonly Dictionary<SyntaxTree, string> _texts = new();

    public EnvironmentResolver(Compilation compilation, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _cancellationToken = cancellationToken;
    }

    public PolicyEnvironment Resolve(IMethodSymbol? method)
    {
        if (method is null)
        {
            return PolicyEnvironment.Unknown;
        }

        if (EnvironmentChecks.IsEntryPoint(method))
        {
            return PolicyEnvironment.Production;
        }

        if (_resolved.TryGetValue(method, out var known))
        {
            return known;
        }

        _resolved[method] = PolicyEnvironment.Unknown; // recursion through a cycle resolves to unknown
        var any = false;
        var allDevelopment = true;
        var result = PolicyEnvironment.Unknown;
        foreach (var (caller, developmentOnly) in CallSitesOf(method))
        {
            any = true;
            var environment = developmentOnly ? PolicyEnvironment.Development : Resolve(caller);
            if (environment == PolicyEnvironment.Production)
            {
                result = PolicyEnvironment.Production;
                break;
            }

            allDevelopment &= environment == PolicyEnvironment.Development;
        }

        if (result == PolicyEnvironment.Unknown && any && allDevelopment)
        {
            result = PolicyEnvironment.Development;
        }

        _resolved[method] = result;
        return result;
    }

    private IEnumerable<(IMethodSymbol? Caller, bool DevelopmentOnly)> CallSitesOf(IMethodSymbol method)
    {
        foreach (var invocation in InvocationsNamed(method.Name))
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var model = Model(invocation.SyntaxTree);
            if (model.GetOperation(invocation, _cancellationToken) is IInvocationOperation operation
                && SymbolEqualityComparer.Default.Equals(operation.TargetMethod.OriginalDefinition, method))
            {
                yield return (EnclosingMethod(model, invocation), EnvironmentChecks.IsDevelopmentOnly(operation));
            }
        }
    }

    /// <summary>
    /// Every invocation in the compilation that calls a method by this simple name. The name is looked up in each
    /// file's text first, so only the few places that spell it are parsed into nodes; made only when needed.
    /// </summary>
    private List<InvocationExpressionSyntax> InvocationsNamed(string name)
    {
        if (_invocationsByName.TryGetValue(name, out var found))
        {
            return found;
        }

        found = new List<InvocationExpressionSyntax>();
        foreach (var tree in _compilation.SyntaxTrees)
        {
            if (!_texts.TryGetValue(tree, out var text))
            {
                _texts[tree] = text = tree.GetText(_cancellationToken).ToString();
            }

            for (var index = text.IndexOf(name, System.StringComparison.Ordinal); index >= 0; index = text.IndexOf(name, index + name.Length, System.StringComparison.Ordinal))
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (!SourceNames.IsWholeIdentifier(System.MemoryExtensions.AsSpan(text), index, name.Length))
                {
                    continue; // part of a longer name
                }

                var token = tree.GetRoot(_cancellationToken).FindToken(index);
                if (token.Parent is SimpleNameSyntax simpleName && token.SpanStart == index && InvocationOf(simpleName) is { } invocation)
                {
                    found.Add(invocation);
                }
            }
        }

        _invocationsByName[name] = found;
        return found;
    }

    /// <summary>The invocation whose invoked name is <paramref name="name"/>: <c>M()</c>, <c>x.M()</c>, <c>x?.M()</c>.</summary>
    private static InvocationExpressionSyntax? InvocationOf(SimpleNameSyntax name)
    {
        SyntaxNode expression = name.Parent switch
        {
            MemberAccessExpressionSyntax access when access.Name == name => access,
            MemberBindingExpressionSyntax binding when binding.Name == name => binding,
            _ => name,
        };
        return expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression ? invocation : null;
    }

    private SemanticModel Model(SyntaxTree tree)
    {
        if (!_models.TryGetValue(tree, out var model))
        {
#pragma warning disable RS1030 // Only at compilation end, only for trees that call a helper holding a policy whose environment is needed.
            _models[tree] = model = _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
        }

        return model;
    }

    private static IMethodSymbol? EnclosingMethod(SemanticModel model, SyntaxNode node)
    {
        var symbol = model.GetEnclosingSymbol(node.SpanStart);
        while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction })
        {
            symbol = symbol.ContainingSymbol;
        }

        return symbol is IMethodSymbol method ? (IMethodSymbol)method.OriginalDefinition : null;
    }
}

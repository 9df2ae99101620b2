using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CorsAnalyzers.CodeFixes;

/// <summary>
/// Finds an <c>IConfiguration</c> that code at a given point can use: a local or parameter of a configuration type,
/// then one with a <c>Configuration</c> property (<c>builder.Configuration</c>, <c>app.Configuration</c>,
/// <c>context.Configuration</c>), then a field or property of the enclosing type (a Startup's <c>Configuration</c>).
/// </summary>
internal static class ReachableConfiguration
{
    private const string ConfigurationInterface = "Microsoft.Extensions.Configuration.IConfiguration";
    private const string SectionInterface = "Microsoft.Extensions.Configuration.IConfigurationSection";

    public static string? Find(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
    {
        var configuration = model.Compilation.GetTypeByMetadataName(ConfigurationInterface);
        if (configuration is null)
        {
            return null;
        }

        var section = model.Compilation.GetTypeByMetadataName(SectionInterface);
        var position = node.SpanStart;
        var isStatic = InStaticContext(node);
        string? best = null;
        var bestRank = int.MaxValue;
        var bestDeclared = int.MaxValue;
        foreach (var symbol in model.LookupSymbols(position))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (type, rank) = symbol switch
            {
                ILocalSymbol local when DeclaredBefore(local, node.SyntaxTree, position) => (local.Type, 0),
                IParameterSymbol parameter => (parameter.Type, 0),
                IFieldSymbol field when field.IsStatic || !isStatic => (field.Type, 2),
                IPropertySymbol property when (property.IsStatic || !isStatic) && !property.IsIndexer && property.GetMethod is not null => (property.Type, 2),
                _ => (null, 0),
            };
            if (type is null)
            {
                continue;
            }

            string? expression = null;
            if (IsConfiguration(type, configuration, section))
            {
                expression = Escape(symbol.Name);
            }
            else if (ConfigurationProperty(type, configuration, section))
            {
                expression = Escape(symbol.Name) + ".Configuration";
                rank++;
            }

            var declared = symbol.Locations.FirstOrDefault()?.SourceSpan.Start ?? int.MaxValue;
            if (expression is not null && (rank < bestRank || (rank == bestRank && declared < bestDeclared)))
            {
                (best, bestRank, bestDeclared) = (expression, rank, declared);
            }
        }

        return best;
    }

    /// <summary>
    /// Declared earlier in the same file. Top-level statements' locals are visible to lookups in every file, but other
    /// files cannot use them (CS8801), so a local declared in another file never counts.
    /// </summary>
    private static bool DeclaredBefore(ILocalSymbol local, SyntaxTree tree, int position) =>
        local.DeclaringSyntaxReferences.All(reference => reference.SyntaxTree == tree && reference.Span.End <= position);

    private static bool IsConfiguration(ITypeSymbol type, INamedTypeSymbol configuration, INamedTypeSymbol? section)
    {
        if (section is not null && (SymbolEqualityComparer.Default.Equals(type, section) || type.AllInterfaces.Contains(section, SymbolEqualityComparer.Default)))
        {
            return false; // a section's GetSection("Cors:AllowedOrigins") would look under that section
        }

        return SymbolEqualityComparer.Default.Equals(type, configuration) || type.AllInterfaces.Contains(configuration, SymbolEqualityComparer.Default);
    }

    private static bool ConfigurationProperty(ITypeSymbol type, INamedTypeSymbol configuration, INamedTypeSymbol? section)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers("Configuration"))
            {
                if (member is IPropertySymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public, GetMethod: not null } property
                    && IsConfiguration(property.Type, configuration, section))
                {
                    return true;
                }
            }
        }

        if (type.TypeKind == TypeKind.Interface)
        {
            foreach (var inherited in type.AllInterfaces)
            {
                if (ConfigurationProperty(inherited, configuration, section))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Inside a static member, a static lambda or a static local function: instance members are out of reach.</summary>
    private static bool InStaticContext(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax lambda when lambda.Modifiers.Any(SyntaxKind.StaticKeyword):
                case LocalFunctionStatementSyntax local when local.Modifiers.Any(SyntaxKind.StaticKeyword):
                    return true;
                case MemberDeclarationSyntax member when member is BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax or FieldDeclarationSyntax:
                    return member.Modifiers.Any(SyntaxKind.StaticKeyword);
                case GlobalStatementSyntax:
                    return true; // top-level statements have no `this`
            }
        }

        return false;
    }

    private static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}

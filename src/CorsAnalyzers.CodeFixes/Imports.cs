using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CorsAnalyzers.CodeFixes;

/// <summary>Adds a <c>using</c> directive in sorted place, in the file's own line-ending style.</summary>
internal static class Imports
{
    public static CompilationUnitSyntax Add(CompilationUnitSyntax unit, string namespaceName)
    {
        if (unit.Usings.Any(u => u.StaticKeyword.IsKind(SyntaxKind.None) && u.Alias is null && u.Name?.ToString() == namespaceName))
        {
            return unit;
        }

        var endOfLine = unit.ToFullString().Contains("\r\n") ? SyntaxFactory.CarriageReturnLineFeed : SyntaxFactory.LineFeed;
        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(namespaceName))
            .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space))
            .WithTrailingTrivia(endOfLine);

        if (unit.Usings.Count == 0)
        {
            // Keep a file header comment above the new directive, and a blank line before the code.
            var first = unit.GetFirstToken(includeZeroWidth: true);
            var header = first.LeadingTrivia;
            var withoutHeader = unit.ReplaceToken(first, first.WithLeadingTrivia());
            return withoutHeader.WithUsings(SyntaxFactory.SingletonList(directive.WithLeadingTrivia(header).WithTrailingTrivia(endOfLine, endOfLine)));
        }

        var index = 0;
        while (index < unit.Usings.Count && Sorts(unit.Usings[index], namespaceName) < 0)
        {
            index++;
        }

        if (index == 0)
        {
            // Take over the first directive's leading trivia (a file header), so the header stays on top.
            var firstUsing = unit.Usings[0];
            directive = directive.WithLeadingTrivia(firstUsing.GetLeadingTrivia());
            unit = unit.ReplaceNode(firstUsing, firstUsing.WithLeadingTrivia());
        }

        return unit.WithUsings(unit.Usings.Insert(index, directive));
    }

    /// <summary>System first, then ordinal; static and alias directives after the plain ones.</summary>
    private static int Sorts(UsingDirectiveSyntax existing, string name)
    {
        if (!existing.StaticKeyword.IsKind(SyntaxKind.None) || existing.Alias is not null || existing.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword))
        {
            return existing.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword) ? -1 : 1;
        }

        var other = existing.Name?.ToString() ?? string.Empty;
        var otherIsSystem = other == "System" || other.StartsWith("System.", StringComparison.Ordinal);
        var nameIsSystem = name == "System" || name.StartsWith("System.", StringComparison.Ordinal);
        if (otherIsSystem != nameIsSystem)
        {
            return otherIsSystem ? -1 : 1;
        }

        return string.CompareOrdinal(other, name);
    }
}

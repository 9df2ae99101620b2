using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CorsAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.CodeFixes;

/// <summary>
/// CORS302: rewrites the JSON string in the appsettings file as the origin browsers send (<c>"https://a.com/"</c> →
/// <c>"https://a.com"</c>), offered only where there is exactly one way to write it (the diagnostic's Corrected
/// property: a trailing slash, path, default port, whitespace, upper case). Not offered for 'null', a missing scheme or
/// a wildcard subdomain: which origin is meant is the developer's decision. The diagnostic sits in an additional
/// document, so this fixer is exported for additional documents; hosts that only fix source documents
/// (<c>dotnet format</c>) do not apply it.
/// </summary>
[ExportCodeFixProvider(
    LanguageNames.CSharp,
    Name = nameof(CORS302MalformedOriginInConfigurationFixer),
    DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) },
    DocumentExtensions = new[] { ".json" })]
[Shared]
public sealed class CORS302MalformedOriginInConfigurationFixer : CodeFixProvider
{
    public const string EquivalenceKey = "CORS302.WriteTheOrigin";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(CORS302MalformedOriginInConfiguration.Id);

    public override FixAllProvider GetFixAllProvider() => new FixAll();

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.TextDocument;
        var text = await document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!string.Equals(document.FilePath, diagnostic.Location.GetLineSpan().Path, StringComparison.OrdinalIgnoreCase)
                || Edit(text, diagnostic) is not { } change)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Write {change.NewText}",
                    ct => Task.FromResult(document.Project.Solution.WithAdditionalDocumentText(document.Id, text.WithChanges(change))),
                    EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>The replacement of the reported JSON string, when the file still holds it and the rule named the corrected origin.</summary>
    private static TextChange? Edit(SourceText text, Diagnostic diagnostic)
    {
        if (diagnostic.Id != CORS302MalformedOriginInConfiguration.Id
            || !diagnostic.Properties.TryGetValue(CORS302MalformedOriginInConfiguration.CorrectedProperty, out var corrected)
            || string.IsNullOrEmpty(corrected)
            || diagnostic.Location.Kind != LocationKind.ExternalFile)
        {
            return null;
        }

        var span = diagnostic.Location.SourceSpan;
        if (span.End > text.Length || span.Length < 2 || text[span.Start] != '"' || text[span.End - 1] != '"')
        {
            return null; // the file changed since the diagnostic was reported
        }

        var replacement = Quote(corrected!);
        return replacement == text.ToString(span) ? null : new TextChange(span, replacement);
    }

    /// <summary>A JSON string literal holding <paramref name="value"/>.</summary>
    private static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case < ' ': builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)); break;
                default: builder.Append(c); break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>Fixes every CORS302 with a corrected origin in the scope's appsettings files at once.</summary>
    private sealed class FixAll : FixAllProvider
    {
        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
            new[] { FixAllScope.Project, FixAllScope.Solution };

        public override Task<CodeAction?> GetFixAsync(FixAllContext context) =>
            Task.FromResult<CodeAction?>(CodeAction.Create(
                "Write the origins as browsers send them",
                ct => ApplyAsync(context, ct),
                EquivalenceKey));

        private static async Task<Solution> ApplyAsync(FixAllContext context, CancellationToken cancellationToken)
        {
            var solution = context.Solution;
            var projects = context.Scope == FixAllScope.Solution ? solution.Projects : new[] { context.Project };
            foreach (var project in projects)
            {
                var diagnostics = await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false);
                foreach (var file in diagnostics.Where(d => d.Id == CORS302MalformedOriginInConfiguration.Id).GroupBy(d => d.Location.GetLineSpan().Path))
                {
                    var document = project.AdditionalDocuments.FirstOrDefault(d => string.Equals(d.FilePath, file.Key, StringComparison.OrdinalIgnoreCase));
                    if (document is null)
                    {
                        continue;
                    }

                    var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
                    var changes = new List<TextChange>();
                    foreach (var diagnostic in file)
                    {
                        if (Edit(text, diagnostic) is { } change && !changes.Any(c => c.Span.OverlapsWith(change.Span)))
                        {
                            changes.Add(change);
                        }
                    }

                    if (changes.Count > 0)
                    {
                        solution = solution.WithAdditionalDocumentText(document.Id, text.WithChanges(changes));
                    }
                }
            }

            return solution;
        }
    }
}

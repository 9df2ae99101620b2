using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CorsAnalyzers.CodeFixes;

/// <summary>
/// Fix All for the pipeline fixes. They may edit a document other than the diagnostic's (the pipeline or the service
/// registrations live elsewhere), so all diagnostics in scope with the chosen action are applied in one solution edit,
/// and fixes that land on the same place (one <c>app.UseCors()</c> for many endpoints) are applied once.
/// </summary>
internal sealed class PipelineFixAllProvider : FixAllProvider
{
    public static readonly PipelineFixAllProvider Instance = new();

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

    public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        var diagnostics = new List<Diagnostic>();
        switch (fixAllContext.Scope)
        {
            case FixAllScope.Document when fixAllContext.Document is not null:
                diagnostics.AddRange(await fixAllContext.GetDocumentDiagnosticsAsync(fixAllContext.Document).ConfigureAwait(false));
                break;
            case FixAllScope.Project:
                diagnostics.AddRange(await fixAllContext.GetAllDiagnosticsAsync(fixAllContext.Project).ConfigureAwait(false));
                break;
            case FixAllScope.Solution:
                foreach (var project in fixAllContext.Solution.Projects)
                {
                    diagnostics.AddRange(await fixAllContext.GetAllDiagnosticsAsync(project).ConfigureAwait(false));
                }

                break;
        }

        var key = fixAllContext.CodeActionEquivalenceKey;
        var chosen = diagnostics.Where(d => PipelineRewrite.Key(d) == key).ToImmutableArray();
        if (chosen.IsEmpty)
        {
            return null;
        }

        return CodeAction.Create(
            "Fix all " + string.Join(", ", chosen.Select(d => d.Id).Distinct()),
            ct => PipelineRewrite.ApplyAsync(fixAllContext.Solution, chosen, ct),
            key);
    }
}

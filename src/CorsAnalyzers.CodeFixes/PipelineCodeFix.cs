using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CorsAnalyzers.CodeFixes;

/// <summary>Registers the pipeline fix a diagnostic carries, once it is known to apply (never a no-op action).</summary>
internal static class PipelineCodeFix
{
    public static async Task RegisterAsync(CodeFixContext context, ImmutableArray<string> actions)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            var key = PipelineRewrite.Key(diagnostic);
            if (key is null || !actions.Contains(key.Substring(key.IndexOf('.') + 1))
                || !await PipelineRewrite.CanApplyAsync(context.Document.Project.Solution, diagnostic, context.CancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    PipelineRewrite.Title(diagnostic),
                    ct => PipelineRewrite.ApplyAsync(context.Document.Project.Solution, ImmutableArray.Create(diagnostic), ct),
                    key),
                diagnostic);
        }
    }
}

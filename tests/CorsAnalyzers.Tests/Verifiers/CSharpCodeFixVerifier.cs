using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace CorsAnalyzers.Tests.Verifiers;

/// <summary>Analyzer and code fix tests over real ASP.NET Core references; use through a <c>VerifyCS</c> alias.</summary>
public static class CSharpCodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static DiagnosticResult Diagnostic(string id) => new(id, DiagnosticSeverity.Error);

    /// <summary>Checks the markup diagnostics of <paramref name="source"/> (a class library, or top-level statements).</summary>
    public static Task VerifyAnalyzerAsync(string source, AspNetCore version = AspNetCore.V10, bool topLevel = false)
    {
        var test = new Test(version, topLevel) { TestCode = source };
        return test.RunAsync();
    }

    /// <summary>Checks the markup diagnostics of <paramref name="source"/>, then that the fix with <paramref name="equivalenceKey"/> gives <paramref name="fixedSource"/>.</summary>
    public static Task VerifyCodeFixAsync(string source, string fixedSource, string equivalenceKey, AspNetCore version = AspNetCore.V10, bool topLevel = false)
    {
        var test = new Test(version, topLevel) { TestCode = source, FixedCode = fixedSource, CodeActionEquivalenceKey = equivalenceKey };
        return test.RunAsync();
    }

    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        public Test(AspNetCore version = AspNetCore.V10, bool topLevel = false)
        {
            ReferenceAssemblies = AspNetCoreReferences.NoPackages;

            // A rule judged per block and at compilation end has two descriptors with one ID, alike but for the CompilationEnd tag.
            MarkupOptions = MarkupOptions.UseFirstDescriptor;
            TestState.AdditionalReferences.AddRange(AspNetCoreReferences.Get(version));
            if (topLevel)
            {
                TestState.OutputKind = OutputKind.ConsoleApplication;
            }
        }

        /// <summary>
        /// A test checks the rule its fixer fixes plus every rule its markup or expectations name; the analyzer's other
        /// rules are disabled, so a rule class's sources need not list what unrelated rules also find in them.
        /// The tests of a rule without a fixer (EmptyCodeFixProvider) check every rule: nothing says which one is theirs.
        /// </summary>
        protected override Task RunImplAsync(CancellationToken cancellationToken)
        {
            var interest = new HashSet<string>(new TCodeFix().FixableDiagnosticIds, StringComparer.Ordinal);
            if (interest.Count == 0)
            {
                return base.RunImplAsync(cancellationToken);
            }

            var markup = new System.Text.RegularExpressions.Regex(@"\{\|(CORS\d{3}):");
            foreach (var state in new[] { TestState, FixedState })
            {
                foreach (var (_, content) in state.Sources)
                {
                    foreach (System.Text.RegularExpressions.Match match in markup.Matches(content.ToString()))
                    {
                        interest.Add(match.Groups[1].Value);
                    }
                }

                interest.UnionWith(state.ExpectedDiagnostics.Select(d => d.Id));
            }

            foreach (var id in new TAnalyzer().SupportedDiagnostics.Select(d => d.Id).Distinct())
            {
                if (!interest.Contains(id) && !DisabledDiagnostics.Contains(id))
                {
                    DisabledDiagnostics.Add(id);
                }
            }

            return base.RunImplAsync(cancellationToken);
        }
    }
}

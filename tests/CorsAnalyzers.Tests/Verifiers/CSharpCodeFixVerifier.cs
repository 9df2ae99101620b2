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
    }
}

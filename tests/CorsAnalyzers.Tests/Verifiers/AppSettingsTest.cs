using Microsoft.CodeAnalysis.Testing;

namespace CorsAnalyzers.Tests.Verifiers;

/// <summary>Runs the policy analyzer over a source and appsettings files passed as additional files (markup allowed in both).</summary>
public static class AppSettingsTest
{
    public static Task VerifyAsync(string source, AspNetCore version, bool topLevel, params (string Name, string Text)[] files)
    {
        var test = new CSharpCodeFixVerifier<PolicyAnalyzer, EmptyCodeFixProvider>.Test(version, topLevel) { TestCode = source };
        foreach (var (name, text) in files)
        {
            test.TestState.AdditionalFiles.Add((name, text));
        }

        return test.RunAsync();
    }

    public static Task VerifyAsync(string source, params (string Name, string Text)[] files) => VerifyAsync(source, AspNetCore.V10, true, files);
}

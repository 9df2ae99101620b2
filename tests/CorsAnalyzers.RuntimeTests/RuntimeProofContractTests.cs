using System.Text.RegularExpressions;
using CorsAnalyzers.RuntimeTests.Browser;
using CorsAnalyzers.RuntimeTests.Harness;

namespace CorsAnalyzers.RuntimeTests;

/// <summary>
/// Every shipped rule brings its runtime proof: rules.md's section of the rule has a "Runtime proof:" line that names
/// each of the rule's runtime cases (and browser cases), or says "no runtime consequence" and why.
/// </summary>
public class RuntimeProofContractTests
{
    private static readonly string RulesMd = File.ReadAllText(Path.Combine(RepositoryRoot(), "rules.md"));

    public static IEnumerable<object[]> ShippedIds() =>
        AppCompiler.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().Order().Select(id => new object[] { id });

    [Theory]
    [MemberData(nameof(ShippedIds))]
    public void Rules_md_links_the_rule_to_its_runtime_proof(string id)
    {
        var section = Section(id);
        var line = Regex.Match(section, @"^Runtime proof:.*$", RegexOptions.Multiline);
        Assert.True(line.Success, $"rules.md's {id} section has no 'Runtime proof:' line: add a case for {id} to tests/CorsAnalyzers.RuntimeTests/Cases "
            + "and name it there, or write 'Runtime proof: none, no runtime consequence: <why>'");

        var cases = RuleProofs.All.Where(c => c.Rule == id).Select(c => c.Name)
            .Concat(BrowserTests.All.Where(c => c.Name.StartsWith(id, StringComparison.Ordinal)).Select(c => c.Name)).ToList();
        if (cases.Count == 0)
        {
            Assert.Contains("no runtime consequence", line.Value, StringComparison.Ordinal);
            return;
        }

        Assert.DoesNotContain("no runtime consequence", line.Value, StringComparison.Ordinal);
        Assert.All(cases, name => Assert.Contains($"\"{name}\"", line.Value, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_case_is_for_a_shipped_rule()
    {
        var shipped = ShippedIds().Select(r => (string)r[0]).ToHashSet();
        Assert.All(RuleProofs.All, c =>
        {
            Assert.Contains(c.Rule, shipped);
            Assert.StartsWith(c.Rule + " ", c.Name, StringComparison.Ordinal);
        });
    }

    private static string Section(string id)
    {
        var anchor = $"<a id=\"{id.ToLowerInvariant()}\"></a>";
        var start = RulesMd.IndexOf(anchor, StringComparison.Ordinal);
        Assert.True(start >= 0, $"rules.md has no anchor {anchor}");
        var body = RulesMd[(start + anchor.Length)..];
        var next = body.IndexOf("<a id=\"cors", StringComparison.Ordinal);
        return next < 0 ? body : body[..next];
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CorsAnalyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("CorsAnalyzers.sln not found above " + AppContext.BaseDirectory);
    }
}

using System.Reflection;
using System.Text.RegularExpressions;
using CorsAnalyzers.Tests.Robustness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CorsAnalyzers.Tests;

/// <summary>
/// Keeps the public contract honest: every shipped descriptor matches the rule catalogue, has a rules.md section
/// with the catalogue's headings and a help link to it, and is tracked in the release files; nothing is documented
/// that is not shipped.
/// </summary>
public class ContractTests
{
    private static readonly string Root = RepositorySources.RepositoryRoot();

    private static readonly string[] SectionHeadings = ["Cause", "Why it matters", "Non-compliant", "Compliant", "How to fix", "How to suppress"];

    private static IEnumerable<DiagnosticDescriptor> Descriptors() =>
        Verifiers.AnalyzerHarness.Analyzers.SelectMany(a => a.SupportedDiagnostics).GroupBy(d => d.Id).Select(g => g.First());

    public static IEnumerable<object[]> ShippedIds() => Descriptors().Select(d => new object[] { d.Id });

    private static DiagnosticDescriptor Descriptor(string id) => Descriptors().Single(d => d.Id == id);

    [Theory]
    [MemberData(nameof(ShippedIds))]
    public void Descriptor_matches_the_catalogue(string id)
    {
        var row = Catalogue().SingleOrDefault(r => r.Id == id);
        Assert.True(row.Id is not null, $"{id} is not in the rule catalogue");
        var descriptor = Descriptor(id);
        Assert.Equal(row.Title, descriptor.Title.ToString());
        Assert.Equal(row.Severity, descriptor.DefaultSeverity.ToString());
        Assert.Contains(descriptor.Category, new[] { "Security", "Usage" });
        Assert.True(descriptor.IsEnabledByDefault);
    }

    [Theory]
    [MemberData(nameof(ShippedIds))]
    public void Every_descriptor_of_an_id_agrees(string id)
    {
        var all = Verifiers.AnalyzerHarness.Analyzers.SelectMany(a => a.SupportedDiagnostics).Where(d => d.Id == id).ToList();
        Assert.All(all, d =>
        {
            Assert.Equal(all[0].Title.ToString(), d.Title.ToString());
            Assert.Equal(all[0].MessageFormat.ToString(), d.MessageFormat.ToString());
            Assert.Equal(all[0].DefaultSeverity, d.DefaultSeverity);
            Assert.Equal(all[0].Category, d.Category);
            Assert.Equal(all[0].HelpLinkUri, d.HelpLinkUri);
        });
    }

    [Theory]
    [MemberData(nameof(ShippedIds))]
    public void Rules_md_has_a_complete_section_and_the_help_link_points_at_it(string id)
    {
        var descriptor = Descriptor(id);
        var anchor = id.ToLowerInvariant();
        Assert.Equal($"https://github.com/corsanalyzers/corsanalyzers/blob/main/rules.md#{anchor}", descriptor.HelpLinkUri);

        var section = Section(id);
        Assert.StartsWith($"## {id}: {descriptor.Title}", section, StringComparison.Ordinal);
        Assert.Contains($"| Severity | {descriptor.DefaultSeverity} |", section, StringComparison.Ordinal);
        Assert.Contains($"| Category | {descriptor.Category} |", section, StringComparison.Ordinal);
        var headings = Regex.Matches(section, "^### (.+)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value.Trim()).ToList();
        Assert.Equal(SectionHeadings, headings);
    }

    [Theory]
    [MemberData(nameof(ShippedIds))]
    public void Release_tracking_lists_the_rule(string id)
    {
        var descriptor = Descriptor(id);
        var releases = File.ReadAllText(Path.Combine(Root, "src", "CorsAnalyzers", "AnalyzerReleases.Shipped.md"))
            + File.ReadAllText(Path.Combine(Root, "src", "CorsAnalyzers", "AnalyzerReleases.Unshipped.md"));
        Assert.Matches(new Regex($@"^{id}\s*\|\s*{descriptor.Category}\s*\|\s*{descriptor.DefaultSeverity}\s*\|", RegexOptions.Multiline), releases);
    }

    [Fact]
    public void Docs_name_only_shipped_rules()
    {
        var shipped = Descriptors().Select(d => d.Id).OrderBy(i => i).ToList();
        var rules = File.ReadAllText(Path.Combine(Root, "rules.md"));
        var sections = Regex.Matches(rules, @"^## (CORS\d{3}):", RegexOptions.Multiline).Select(m => m.Groups[1].Value).OrderBy(i => i).ToList();
        Assert.Equal(shipped, sections);

        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var table = Regex.Matches(readme, @"^\| \[(CORS\d{3})\]", RegexOptions.Multiline).Select(m => m.Groups[1].Value).OrderBy(i => i).ToList();
        Assert.Equal(shipped, table);
    }

    [Fact]
    public void Every_fixer_is_exported_fixes_shipped_rules_and_supports_fix_all()
    {
        var shipped = Descriptors().Select(d => d.Id).ToHashSet();
        Assert.NotEmpty(Verifiers.AnalyzerHarness.Fixers);
        foreach (var fixer in Verifiers.AnalyzerHarness.Fixers)
        {
            Assert.NotNull(fixer.GetType().GetCustomAttribute<ExportCodeFixProviderAttribute>());
            Assert.All(fixer.FixableDiagnosticIds, id => Assert.Contains(id, shipped));
            Assert.NotNull(fixer.GetFixAllProvider());
        }
    }

    [Fact]
    public void The_vendored_catalogue_is_the_shared_one()
    {
        var shared = Path.Combine(Root, "..", "shared", "RULES-CATALOGUE.md");
        if (!File.Exists(shared))
        {
            return; // a clone without the company's shared folder beside it: the vendored copy is all there is
        }

        Assert.Equal(File.ReadAllText(shared), File.ReadAllText(Path.Combine(Root, "eng", "RULES-CATALOGUE.md")));
    }

    private static string Section(string id)
    {
        var rules = File.ReadAllText(Path.Combine(Root, "rules.md"));
        var anchor = $"<a id=\"{id.ToLowerInvariant()}\"></a>";
        var start = rules.IndexOf(anchor, StringComparison.Ordinal);
        Assert.True(start >= 0, $"rules.md has no anchor {anchor}");
        var body = rules[(start + anchor.Length)..].TrimStart();
        var next = body.IndexOf("<a id=\"cors", StringComparison.Ordinal);
        return next < 0 ? body : body[..next];
    }

    private static IEnumerable<(string Id, string Severity, string Title)> Catalogue()
    {
        var text = File.ReadAllText(Path.Combine(Root, "eng", "RULES-CATALOGUE.md"));
        foreach (Match match in Regex.Matches(text, @"^\| (CORS\d{3}) \| (\w+) \| ([^|]+) \|", RegexOptions.Multiline))
        {
            yield return (match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value.Trim());
        }
    }
}

using CorsAnalyzers.RuntimeTests.Cases;
using CorsAnalyzers.RuntimeTests.Harness;

namespace CorsAnalyzers.RuntimeTests;

/// <summary>
/// For every case in <see cref="PolicyCases"/>, <see cref="PipelineCases"/> and <see cref="HeaderCases"/>: the flagged app really does what
/// the rule's message says (<see cref="Bug"/>), and the app after our code fix answers the browser correctly
/// (<see cref="Fixed"/>). Apps listen on Kestrel on 127.0.0.1; the tests run one at a time (xunit.runner.json).
/// </summary>
public class RuleProofs
{
    public static IEnumerable<RuntimeCase> All => PolicyCases.All.Concat(PipelineCases.All).Concat(HeaderCases.All).Concat(ConfigurationCases.All);

    public static IEnumerable<object[]> Names => All.Select(c => new object[] { c.Name });

    private static RuntimeCase Case(string name) => All.Single(c => c.Name == name);

    [Fact]
    public void Case_names_are_unique() =>
        Assert.Empty(All.GroupBy(c => c.Name).Where(g => g.Count() > 1).Select(g => g.Key));

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Bug(string name)
    {
        var @case = Case(name);
        await using var app = await CaseRunner.StartBugAsync(@case);
        await @case.Bug(app);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Fixed(string name)
    {
        var @case = Case(name);
        await using var app = await CaseRunner.StartFixedAsync(@case);
        await @case.Fixed(app);
    }
}

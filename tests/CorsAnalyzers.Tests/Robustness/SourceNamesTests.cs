using CorsAnalyzers.Endpoints;

namespace CorsAnalyzers.Tests.Robustness;

/// <summary>
/// The source pre-filters skip every block whose text holds no name of interest. A name the scan misses would make an
/// analyzer blind to the blocks that use it, so each name must be found, in code as it is written.
/// </summary>
public class SourceNamesTests
{
    public static TheoryData<string> PolicyAndEndpointNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in PolicyAnalyzer.PolicyNames.Concat(EndpointCollector.Names).Distinct().Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    public static TheoryData<string> PipelineNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in PipelineAnalyzer.PipelineNames.Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PolicyAndEndpointNames))]
    public void Every_policy_and_endpoint_name_is_found(string name)
    {
        Assert.NotEqual(0, PolicyAnalyzer.Names.Scan($"builder.{name}(x => x);"));
        Assert.NotEqual(0, PolicyAnalyzer.Names.Scan($"var y = {name};"));
    }

    [Theory]
    [MemberData(nameof(PipelineNames))]
    [InlineData("UseCors")]
    [InlineData("UseMyMiddleware")]
    [InlineData("Use")]
    [InlineData("MapGet")]
    [InlineData("MapHub")]
    [InlineData("MapMyModule")]
    public void Every_pipeline_name_is_found(string name)
    {
        Assert.NotEqual(0, PipelineAnalyzer.Names.Scan($"app.{name}();"));
        Assert.NotEqual(0, PipelineAnalyzer.Names.Scan($"{name}(app)"));
    }

    [Theory]
    [InlineData("var user = User.Identity; return Ok(user);")]
    [InlineData("var mapper = new Mapper(); list.Add(mapper.Mapping());")]
    [InlineData("_repository.Create(order); var result = builderCount + 1;")]
    [InlineData("return Ok(_service.Get(id));")]
    public void Ordinary_code_is_skipped(string code)
    {
        Assert.Equal(0, PipelineAnalyzer.Names.Scan(code));
        Assert.Equal(0, PolicyAnalyzer.Names.Scan(code));
    }

    [Fact]
    public void A_name_is_matched_as_a_whole_identifier()
    {
        // "MapGetter" contains "MapGet" but is not it; the endpoint half must not fire on it, though "Map*" names
        // count for the pipeline (any Map call on an app may add to it).
        Assert.Equal(0, PolicyAnalyzer.Names.Scan("var x = MapGetter();"));
        Assert.Equal(0, PolicyAnalyzer.Names.Scan("var x = NotAddCorsAtAll;"));
        Assert.NotEqual(0, PolicyAnalyzer.Names.Scan("services.AddCors();"));
    }

    [Theory]
    [InlineData("AddCors", true)]
    [InlineData("(AddCors)", true)]
    [InlineData("x.AddCors();", true)]
    [InlineData("@AddCors", true)]
    [InlineData("myAddCors()", false)]
    [InlineData("_AddCors", false)]
    [InlineData("my_AddCors", false)]
    [InlineData("1AddCors", false)]
    [InlineData("\u00e9AddCors", false)]
    [InlineData("\u00c9AddCors", false)]
    [InlineData("AddCorsX", false)]
    [InlineData("AddCors\u00e9", false)]
    public void An_upper_case_letter_inside_an_identifier_starts_no_name(string text, bool found)
    {
        // The scan runs from one upper-case letter to the next and looks at the character before it: a name found
        // inside a longer identifier (a hump of camelCase, after '_', a digit or a non-ASCII letter) is not that name.
        Assert.Equal(found, PolicyAnalyzer.Names.Scan(text) != 0);
    }

    [Fact]
    public void Every_name_starts_with_an_ascii_upper_case_letter()
    {
        // The scan looks only at identifiers that start with 'A' to 'Z'; a name that does not could never be found.
        Assert.Throws<ArgumentException>(() => new SourceNames([("addCors", 1)]));
        Assert.Throws<ArgumentException>(() => new SourceNames([("\u00c9", 1)]));
        Assert.Throws<ArgumentException>(() => new SourceNames([], [("use", 1)]));
    }
}

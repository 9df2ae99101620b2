using CorsAnalyzers.Configuration;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.Tests.Configuration;

public class JsonSettingsReaderTests
{
    private const string Sample = """
        {
          // line comment
          "Logging": { "LogLevel": { "Default": "Information", } },
          /* block
             comment */
          "Cors": {
            "AllowedOrigins": [ "https://app.example.com", "https:\/\/b.example.com\u002F", ],
            "Enabled": true, "Off": false, "Max": -12.5e3, "None": null,
            "Empty": [], "Nothing": {},
            "Nested": [ { "Url": "x" }, [ "y" ] ]
          },
          "Cors:Flat": "z"
        }
        """;

    [Fact]
    public void Flattens_keys_as_the_configuration_provider_does()
    {
        var settings = JsonSettingsReader.Read(Sample)!;
        Assert.Equal(
            new[]
            {
                "Logging:LogLevel:Default", "Cors:AllowedOrigins:0", "Cors:AllowedOrigins:1", "Cors:Enabled", "Cors:Off", "Cors:Max",
                "Cors:None", "Cors:Empty", "Cors:Nothing", "Cors:Nested:0:Url", "Cors:Nested:1:0", "Cors:Flat",
            },
            settings.Select(s => s.Path));
        Assert.Equal(
            new[] { "Information", "https://app.example.com", "https://b.example.com/", "True", "False", "-12.5e3", null, null, null, "x", "y", "z" },
            settings.Select(s => s.Value));
        Assert.Equal(JsonSettingKind.EmptyArray, settings.Single(s => s.Path == "Cors:Empty").Kind);
        Assert.Equal(JsonSettingKind.EmptyObject, settings.Single(s => s.Path == "Cors:Nothing").Kind);
    }

    [Fact]
    public void Spans_cover_the_value_token_with_its_quotes()
    {
        var settings = JsonSettingsReader.Read(Sample)!;
        foreach (var (path, token) in new[]
        {
            ("Cors:AllowedOrigins:0", "\"https://app.example.com\""),
            ("Cors:AllowedOrigins:1", "\"https:\\/\\/b.example.com\\u002F\""),
            ("Cors:Max", "-12.5e3"),
            ("Cors:Enabled", "true"),
            ("Cors:None", "null"),
            ("Cors:Empty", "[]"),
            ("Cors:Nothing", "{}"),
        })
        {
            var span = settings.Single(s => s.Path == path).Span;
            Assert.Equal(token, Sample.Substring(span.Start, span.Length));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("{ \"a\": 1 } x")]
    [InlineData("{ \"a\": 1 ")]
    [InlineData("{ \"a\" 1 }")]
    [InlineData("{ a: 1 }")]
    [InlineData("{ 'a': 1 }")]
    [InlineData("{ \"a\": 01 }")]
    [InlineData("{ \"a\": +1 }")]
    [InlineData("{ \"a\": tru }")]
    [InlineData("{ \"a\": \"x\\q\" }")]
    [InlineData("{ \"a\": \"line\nbreak\" }")]
    [InlineData("{ \"a\": [ 1,, 2 ] }")]
    [InlineData("{ , }")]
    [InlineData("{ \"a\": 1 /* open comment }")]
    [InlineData("{ \"a\": 1, \"A\": 2 }")]
    [InlineData("{ \"a\": { \"x\": 1 }, \"A\": { \"X\": 2 } }")]
    public void Rejects_what_the_provider_rejects(string text)
    {
        Assert.Null(JsonSettingsReader.Read(text));
    }

    [Theory]
    [InlineData("\uFEFF{ }")]
    [InlineData("{ \"a\": { \"x\": 1 }, \"A\": { \"y\": 2 } }")]
    [InlineData("{ \"a\": 1, } // trailing comment")]
    [InlineData("{ \"\": 1 }")]
    public void Accepts_what_the_provider_accepts(string text)
    {
        Assert.NotNull(JsonSettingsReader.Read(text));
    }

    [Fact]
    public void Nesting_deeper_than_the_provider_allows_is_rejected()
    {
        Assert.NotNull(JsonSettingsReader.Read("{\"a\":" + new string('[', 62) + new string(']', 62) + "}"));
        Assert.Null(JsonSettingsReader.Read("{\"a\":" + new string('[', 70) + new string(']', 70) + "}"));
        Assert.Null(JsonSettingsReader.Read(new string('[', 100_000)));
    }

    [Fact]
    public void Never_throws_on_any_prefix_or_deletion()
    {
        for (var i = 0; i <= Sample.Length; i++)
        {
            JsonSettingsReader.Read(Sample.Substring(0, i));
            if (i < Sample.Length)
            {
                JsonSettingsReader.Read(Sample.Remove(i, 1));
            }
        }
    }

    [Theory]
    [InlineData("appsettings.json", true, null)]
    [InlineData("/src/App/AppSettings.JSON", true, null)]
    [InlineData(@"C:\src\App\appsettings.Development.json", true, "Development")]
    [InlineData("appsettings.production.json", true, "production")]
    [InlineData("appsettings..json", false, null)]
    [InlineData("myappsettings.json", false, null)]
    [InlineData("appsettings.json.bak", false, null)]
    [InlineData("appsettings.Development.json|<>", false, null)]
    public void Recognises_appsettings_files_and_their_environment(string path, bool expected, string? environment)
    {
        Assert.Equal(expected, AppSettings.IsAppSettings(path, out var actual));
        Assert.Equal(environment, actual);
    }

    [Fact]
    public void Environments_merge_arrays_index_by_index()
    {
        var settings = AppSettings.Load(
            System.Collections.Immutable.ImmutableArray.Create<Microsoft.CodeAnalysis.AdditionalText>(
                new InMemoryAdditionalText("/a/appsettings.json", """{ "Cors": { "Origins": [ "https://a.com", "https://b.com", "https://c.com" ] } }"""),
                new InMemoryAdditionalText("/a/appsettings.Production.json", """{ "cors": { "origins": [ "https://p.com" ] } }"""),
                new InMemoryAdditionalText("/a/appsettings.json", """{ "duplicate": "the same path counts once" }"""),
                new InMemoryAdditionalText("/a/appsettings.Staging.json", """{ "Cors": { "Origins": [ "https://s.com" ] """)),
            CancellationToken.None)!;
        Assert.Equal(new[] { "Production", "Staging" }, settings.Environments);
        Assert.Equal(
            new[] { "https://p.com", "https://b.com", "https://c.com" },
            settings.ListIn("Cors:Origins", "Production")!.Select(v => v.Setting.Value));
        Assert.Equal("appsettings.Production.json", settings.ListIn("Cors:Origins", "Production")![0].File.Name);
        Assert.Null(settings.ListIn("Cors:Origins", "Staging"));
        Assert.Equal(3, settings.ListIn("Cors:Origins", "Development")!.Count);
        Assert.Equal("https://a.com", settings.ValueIn("CORS:ORIGINS:0", "Development")!.Value.Setting.Value);

        var file = settings.Files[0];
        Assert.True(file.Defines("Cors"));
        Assert.True(file.Defines("cors:origins"));
        Assert.False(file.Defines("Cors:Origin"));
        var location = file.LocationOf(file.Get("Cors:Origins:1")!);
        Assert.Equal("/a/appsettings.json", location.GetLineSpan().Path);
        Assert.Equal(new LinePosition(0, 42), location.GetLineSpan().StartLinePosition);
    }

    [Fact]
    public void Sorts_array_children_numerically()
    {
        var settings = AppSettings.Load(
            System.Collections.Immutable.ImmutableArray.Create<Microsoft.CodeAnalysis.AdditionalText>(
                new InMemoryAdditionalText("appsettings.json", """{ "O": { "10": "ten", "2": "two", "x": "ex", "1": "one" } }""")),
            CancellationToken.None)!;
        Assert.Equal(new[] { "one", "two", "ten", "ex" }, settings.ListIn("O", "Production")!.Select(v => v.Setting.Value));
    }
}

/// <summary>
/// The analyzer assembly must load in every host: Visual Studio runs analyzers on .NET Framework, where System.Text.Json
/// and other newer assemblies are not there. The JSON reader therefore brings no dependency: the analyzer references
/// only netstandard, the compiler, and assemblies the compiler itself references (System.Memory for spans),
/// which every host that runs the compiler has loaded.
/// </summary>
public class AnalyzerDependencyTests
{
    [Fact]
    public void The_analyzer_assembly_references_only_netstandard_and_the_compiler()
    {
        // The references of the compiler build that .NET Framework hosts load: the netstandard2.0 one of the version we build against.
        var packages = typeof(AnalyzerDependencyTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "NuGetPackageRoot").Value!;
        var compilerPath = System.IO.Path.Combine(packages, "microsoft.codeanalysis.common", "4.8.0", "lib", "netstandard2.0", "Microsoft.CodeAnalysis.dll");
        var compiler = ReferencedNames(compilerPath);
        Assert.Contains("System.Memory", compiler);
        var allowed = new[] { "netstandard", "Microsoft.CodeAnalysis", "Microsoft.CodeAnalysis.CSharp" }.Concat(compiler).ToHashSet();
        var references = typeof(PolicyAnalyzer).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.All(references, name => Assert.Contains(name, allowed));
        Assert.DoesNotContain("System.Text.Json", references);
    }

    private static List<string> ReferencedNames(string path)
    {
        using var stream = System.IO.File.OpenRead(path);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        return metadata.AssemblyReferences.Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name)).ToList();
    }
}

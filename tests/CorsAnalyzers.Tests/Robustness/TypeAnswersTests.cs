using CorsAnalyzers.Pipeline;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Tests.Robustness;

/// <summary>
/// Whether a type is an app, carries services or is a CORS attribute is kept per type definition and looked up by
/// reference (<see cref="ByReference{T}"/>). Every way the same type is met in code (annotated or not, constructed
/// with other type arguments) must get the answer its definition has.
/// </summary>
public class TypeAnswersTests
{
    private const string Source = """
        #nullable enable
        using System;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Cors;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.DependencyInjection;

        public abstract class Shell<T> : IApplicationBuilder
        {
            public abstract IServiceProvider ApplicationServices { get; set; }
            public abstract Microsoft.AspNetCore.Http.Features.IFeatureCollection ServerFeatures { get; }
            public abstract System.Collections.Generic.IDictionary<string, object?> Properties { get; }
            public abstract RequestDelegate Build();
            public abstract IApplicationBuilder New();
            public abstract IApplicationBuilder Use(Func<RequestDelegate, RequestDelegate> middleware);
        }

        public sealed class Policy<T> : EnableCorsAttribute
        {
            public Policy() : base("p") { }
        }

        public static class Uses
        {
            public static void M(Shell<int> a, Shell<string>? b, Shell<int>? c, IServiceCollection d, IServiceCollection? e, WebApplicationBuilder? f, string g, Uri h) { }

            [Policy<int>] public static void P() { }

            [Policy<string>] public static void Q() { }

            [Obsolete] public static void R() { }
        }
        """;

    [Fact]
    public void Every_form_of_a_type_gets_its_definitions_answer()
    {
        var compilation = AnalyzerHarness.Compile([Source], AspNetCore.V10, OutputKind.DynamicallyLinkedLibrary);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var symbols = PipelineSymbols.Create(compilation, CorsSymbols.Create(compilation))!;
        var uses = compilation.GetTypeByMetadataName("Uses")!;
        var parameters = uses.GetMembers("M").OfType<IMethodSymbol>().Single().Parameters;

        // Each twice, so that the second answer of each comes from the cache the first one filled.
        for (var round = 0; round < 2; round++)
        {
            Assert.Equal(
                ["a: app", "b: app", "c: app", "d: services", "e: services", "f: services", "g: -", "h: -"],
                parameters.Select(p => $"{p.Name}: {(symbols.IsApplicationBuilder(p.Type) ? "app" : symbols.CarriesServices(p.Type) ? "services" : "-")}"));

            Assert.Equal(
                [AttributeMeaning.EnableCors, AttributeMeaning.EnableCors, AttributeMeaning.None],
                new[] { "P", "Q", "R" }.Select(n => symbols.MeaningOf(uses.GetMembers(n).Single().GetAttributes().Single().AttributeClass!)));
        }
    }
}

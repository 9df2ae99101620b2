using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.PolicyAnalyzer, CorsAnalyzers.CodeFixes.CORS010OriginsReadFromConfigurationAsOneStringFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS010OriginsReadFromConfigurationAsOneStringTests
{
    private const string ReadArray = CORS010OriginsReadFromConfigurationAsOneStringFixer.ReadArrayKey;
    private const string TrimEntries = CORS010OriginsReadFromConfigurationAsOneStringFixer.TrimEntriesKey;

    // ---- Positive cases ------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task One_configured_string_and_untrimmed_splits_in_minimal_hosting(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Frontend", policy => policy.WithOrigins({|CORS010:builder.Configuration["Cors:Origins"]|}!).AllowAnyHeader());
                options.AddPolicy("Split", policy => policy.WithOrigins(builder.Configuration["Cors:AllowedOrigins"]!.{|CORS010:Split(',')|}));
                options.AddDefaultPolicy(policy => policy.WithOrigins(builder.Configuration["Cors:Origins"]?.{|CORS010:Split(";")|} ?? []));
            });
            var app = builder.Build();
            app.UseCors(b => b.WithOrigins(Environment.GetEnvironmentVariable("CORS_ORIGINS")!.{|CORS010:Split(',', StringSplitOptions.RemoveEmptyEntries)|}));
            app.MapGet("/", () => "ok").RequireCors(b => b.WithOrigins({|CORS010:app.Configuration.GetValue<string>("Cors:Origins")|}!));
            app.Run();
            """, version, topLevel: true);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Startup_class_locals_builder_and_hand_built_policy(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public Startup(IConfiguration configuration) => Configuration = configuration;

                public IConfiguration Configuration { get; }

                public void ConfigureServices(IServiceCollection services)
                {
                    var origins = Configuration["Cors:Origins"];
                    var split = Configuration.GetSection("Cors")["Hosts"]?.{|CORS010:Split(',', ';')|} ?? new string[0];
                    services.AddCors(options =>
                    {
                        options.AddPolicy("local", policy =>
                        {
                            policy.WithOrigins({|CORS010:origins|}!);
                            policy.AllowAnyMethod();
                        });
                        options.AddPolicy("local-split", policy => policy.WithOrigins(split));
                        options.AddPolicy("section-value", policy => policy.WithOrigins({|CORS010:Configuration.GetSection("Cors:OriginList").Value|}!));
                        options.AddPolicy("built", new CorsPolicyBuilder({|CORS010:Configuration["Cors:Origins"]|}!).Build());
                        var handBuilt = new CorsPolicy();
                        handBuilt.Origins.Add({|CORS010:Configuration["Cors:Origins"]|}!);
                        options.AddPolicy("hand-built", handBuilt);
                        options.AddPolicy("constant", policy => policy.WithOrigins("https://a.com, https://b.com".{|CORS010:Split(',')|}));
                    });
                }

                public void Configure(IApplicationBuilder app) => app.UseCors("local");
            }
            """, version);
    }

    [Fact]
    public async Task Split_in_a_helper_in_another_file()
    {
        var test = new VerifyCS.Test
        {
            TestState =
            {
                Sources =
                {
                    ("Setup.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;
                        using Microsoft.Extensions.Configuration;

                        public static class Setup
                        {
                            public static void Configure(CorsOptions o, IConfiguration config) => o.AddPolicy("spa", p => p.AllowConfigured(config));
                        }
                        """),
                    ("Helpers.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;
                        using Microsoft.Extensions.Configuration;

                        public static class Helpers
                        {
                            public static CorsPolicyBuilder AllowConfigured(this CorsPolicyBuilder b, IConfiguration config) =>
                                b.WithOrigins(config["Cors:Origins"]!.{|CORS010:Split(',')|});
                        }
                        """),
                },
            },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task Messages_name_the_key_and_the_symptom()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using Microsoft.AspNetCore.Cors.Infrastructure;
                using Microsoft.Extensions.Configuration;

                public static class Setup
                {
                    public static void Configure(CorsOptions options, IConfiguration config)
                    {
                        options.AddPolicy("Spa", p => p.{|#10:WithOrigins({|#0:config["Cors:Origins"]|}!)|});
                        options.AddDefaultPolicy(p => p.{|#11:WithOrigins(config["Cors:Origins"]!.{|#1:Split(',')|})|});
                    }
                }
                """,
            ExpectedDiagnostics =
            {
                VerifyCS.Diagnostic("CORS010").WithSeverity(DiagnosticSeverity.Warning).WithLocation(0).WithLocation(10).WithArguments(
                    "CORS policy 'Spa'",
                    "reads its origins from configuration key 'Cors:Origins' as one string: a list there such as 'https://a.com,https://b.com' becomes one origin that never matches (and a JSON array there reads as null), so browsers are blocked; read the section as an array, GetSection(\"Cors:Origins\").Get<string[]>()"),
                VerifyCS.Diagnostic("CORS010").WithSeverity(DiagnosticSeverity.Warning).WithLocation(1).WithLocation(11).WithArguments(
                    "The default CORS policy",
                    "splits configuration value 'Cors:Origins' without StringSplitOptions.TrimEntries: in a list such as 'https://a.com, https://b.com' the second origin keeps its leading space (' https://b.com') and never matches, so browsers are blocked; split with StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries"),
            },
        };
        await test.RunAsync();
    }

    // ---- Silent cases -------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Arrays_trimmed_splits_and_single_origin_keys_are_silent(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Linq;
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.Configuration;

            public static class Setup
            {
                public static void Configure(CorsOptions options, IConfiguration config, StringSplitOptions splitOptions)
                {
                    options.AddPolicy("array", p => p.WithOrigins(config.GetSection("Cors:Origins").Get<string[]>() ?? Array.Empty<string>()));
                    options.AddPolicy("single", p => p.WithOrigins(config["Cors:Origin"]!));
                    options.AddPolicy("url", p => p.WithOrigins(config["FrontendUrl"]!));
                    options.AddPolicy("address", p => p.WithOrigins(config["Spa:Address"]!));
                    options.AddPolicy("trimmed", p => p.WithOrigins(config["Cors:Origins"]!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
                    options.AddPolicy("trim-only", p => p.WithOrigins(config["Cors:Origins"]!.Split(",", StringSplitOptions.TrimEntries)));
                    options.AddPolicy("select-trim", p => p.WithOrigins(config["Cors:Origins"]!.Split(',').Select(o => o.Trim()).ToArray()));
                    options.AddPolicy("whitespace", p => p.WithOrigins(config["Cors:Origins"]!.Split(' ')));
                    options.AddPolicy("unknown-options", p => p.WithOrigins(config["Cors:Origins"]!.Split(',', splitOptions)));
                    options.AddPolicy("constant", p => p.WithOrigins("https://a.com,https://b.com".Split(',')));
                    options.AddPolicy("two", p => p.WithOrigins(config["Cors:Primary"]!, config["Cors:Secondary"]!));
                }
            }
            """, version);
    }

    [Fact]
    public async Task Lookalike_types_without_AspNetCore_are_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public class CorsPolicyBuilder
            {
                public CorsPolicyBuilder WithOrigins(params string[] origins) => this;
            }

            public static class Setup
            {
                public static void Configure(string origins) => new CorsPolicyBuilder().WithOrigins(origins.Split(','));
            }
            """, AspNetCore.None);
    }

    // ---- Fix (a): read the section as an array ------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Read_an_array_in_minimal_hosting(AspNetCore version)
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Frontend", policy => policy
                    .WithOrigins({|CORS010:builder.Configuration["Cors:Origins"]|}!) // from appsettings
                    .AllowAnyHeader());
            });
            var app = builder.Build();
            app.Run();
            """, """
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Frontend", policy => policy
                    .WithOrigins(builder.Configuration.GetSection("Cors:Origins").Get<string[]>() ?? Array.Empty<string>()) // from appsettings
                    .AllowAnyHeader());
            });
            var app = builder.Build();
            app.Run();
            """, ReadArray, version, topLevel: true);
    }

    [Fact]
    public async Task Read_an_array_in_a_Startup_class_and_a_builder()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup(IConfiguration configuration)
            {
                public void ConfigureServices(IServiceCollection services) =>
                    services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins({|CORS010:configuration.GetSection("Cors:OriginList").Value|}!)));

                public CorsPolicy Build() => new CorsPolicyBuilder({|CORS010:configuration["Cors:Origins"]|}!).Build();

                public CorsPolicy GetValue() => new CorsPolicyBuilder().WithOrigins({|CORS010:configuration.GetValue<string>("Cors:Origins")|}!).Build();
            }
            """, """
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup(IConfiguration configuration)
            {
                public void ConfigureServices(IServiceCollection services) =>
                    services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins(configuration.GetSection("Cors:OriginList").Get<string[]>() ?? System.Array.Empty<string>())));

                public CorsPolicy Build() => new CorsPolicyBuilder(configuration.GetSection("Cors:Origins").Get<string[]>() ?? System.Array.Empty<string>()).Build();

                public CorsPolicy GetValue() => new CorsPolicyBuilder().WithOrigins(configuration.GetSection("Cors:Origins").Get<string[]>() ?? System.Array.Empty<string>()).Build();
            }
            """, ReadArray);
    }

    [Fact]
    public async Task Read_an_array_is_not_offered_for_a_local_a_default_or_a_hand_built_policy()
    {
        const string source = """
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.Configuration;

            public static class Setup
            {
                public static void Configure(CorsOptions options, IConfiguration config)
                {
                    var origins = config["Cors:Origins"];
                    options.AddPolicy("local", p => p.WithOrigins({|CORS010:origins|}!));
                    options.AddPolicy("default", p => p.WithOrigins({|CORS010:config["Cors:Origins"] ?? "https://app.example.com"|}));
                    var policy = new CorsPolicy();
                    policy.Origins.Add({|CORS010:config["Cors:Origins"]|}!);
                }
            }
            """;
        await VerifyCS.VerifyCodeFixAsync(source, source, ReadArray);
    }

    // ---- Fix (b): trim the entries -------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Add_TrimEntries_to_every_split_shape(AspNetCore version)
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.Configuration;

            public static class Setup
            {
                public static void Configure(CorsOptions options, IConfiguration config)
                {
                    options.AddPolicy("char", p => p.WithOrigins(config["Cors:Origins"]!.{|CORS010:Split(',')|}));
                    options.AddPolicy("string", p => p.WithOrigins(config["Cors:Origins"]!.{|CORS010:Split(";", System.StringSplitOptions.RemoveEmptyEntries)|}));
                    options.AddPolicy("conditional", p => p.WithOrigins(config["Cors:Origins"]?.{|CORS010:Split(',')|} ?? new string[0]));
                    options.AddPolicy("params", p => p.WithOrigins(config["Cors:Origins"]!.{|CORS010:Split(',', ';')|}));
                    var origins = config["Cors:Origins"]!.{|CORS010:Split(',' /* comma list */)|};
                    options.AddPolicy("local", p => p.WithOrigins(origins));
                }
            }
            """, """
            using System;
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.Configuration;

            public static class Setup
            {
                public static void Configure(CorsOptions options, IConfiguration config)
                {
                    options.AddPolicy("char", p => p.WithOrigins(config["Cors:Origins"]!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
                    options.AddPolicy("string", p => p.WithOrigins(config["Cors:Origins"]!.Split(";", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
                    options.AddPolicy("conditional", p => p.WithOrigins(config["Cors:Origins"]?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? new string[0]));
                    options.AddPolicy("params", p => p.WithOrigins(config["Cors:Origins"]!.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
                    var origins = config["Cors:Origins"]!.Split(',' /* comma list */, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    options.AddPolicy("local", p => p.WithOrigins(origins));
                }
            }
            """, TrimEntries, version);
    }

    // ---- FixAll across files --------------------------------------------------------------------------------------

    [Theory]
    [InlineData(ReadArray)]
    [InlineData(TrimEntries)]
    public async Task FixAll_across_files(string key)
    {
        var read = key == ReadArray;
        const string Header = """
            using System;
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.Configuration;

            """;
        var test = new VerifyCS.Test
        {
            TestState =
            {
                Sources =
                {
                    ("A.cs", Header + """
                        public static class A
                        {
                            public static void Configure(CorsOptions o, IConfiguration c)
                            {
                                o.AddPolicy("a", p => p.WithOrigins({|CORS010:c["Cors:Origins"]|}!));
                                o.AddPolicy("a2", p => p.WithOrigins(c["Cors:Origins"]!.{|CORS010:Split(',')|}));
                            }
                        }
                        """),
                    ("B.cs", Header + """
                        public static class B
                        {
                            public static void Configure(CorsOptions o, IConfiguration c)
                            {
                                o.AddPolicy("b", p => p.WithOrigins({|CORS010:c["Admin:Origins"]|}!).AllowAnyMethod());
                                o.AddPolicy("b2", p => p.WithOrigins(c["Admin:Origins"]!.{|CORS010:Split(";")|}));
                            }
                        }
                        """),
                },
            },
            CodeActionEquivalenceKey = key,
        };
        const string Options = "StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries";
        test.FixedState.Sources.Add(("A.cs", Header + $$"""
            public static class A
            {
                public static void Configure(CorsOptions o, IConfiguration c)
                {
                    o.AddPolicy("a", p => p.WithOrigins({{(read ? "c.GetSection(\"Cors:Origins\").Get<string[]>() ?? Array.Empty<string>()" : "{|CORS010:c[\"Cors:Origins\"]|}!")}}));
                    o.AddPolicy("a2", p => p.WithOrigins(c["Cors:Origins"]!.{{(read ? "{|CORS010:Split(',')|}" : $"Split(',', {Options})")}}));
                }
            }
            """));
        test.FixedState.Sources.Add(("B.cs", Header + $$"""
            public static class B
            {
                public static void Configure(CorsOptions o, IConfiguration c)
                {
                    o.AddPolicy("b", p => p.WithOrigins({{(read ? "c.GetSection(\"Admin:Origins\").Get<string[]>() ?? Array.Empty<string>()" : "{|CORS010:c[\"Admin:Origins\"]|}!")}}).AllowAnyMethod());
                    o.AddPolicy("b2", p => p.WithOrigins(c["Admin:Origins"]!.{{(read ? "{|CORS010:Split(\";\")|}" : $"Split(\";\", {Options})")}}));
                }
            }
            """));
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        await test.RunAsync();
    }
}

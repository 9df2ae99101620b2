using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.PolicyAnalyzer, CorsAnalyzers.CodeFixes.CORS001WildcardOriginWithCredentialsFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS001WildcardOriginWithCredentialsTests
{
    private const string Configured = CORS001WildcardOriginWithCredentialsFixer.AllowConfiguredOriginsKey;
    private const string RemoveCredentials = CORS001WildcardOriginWithCredentialsFixer.RemoveCredentialsKey;

    // ---- Positive cases, in every policy shape -------------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task AddPolicy_chained_in_minimal_hosting(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Frontend", policy => policy
                    .{|CORS001:AllowAnyOrigin()|}
                    .AllowAnyHeader()
                    .AllowCredentials());
            });
            var app = builder.Build();
            app.UseCors("Frontend");
            app.Run();
            """, version, topLevel: true);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task AddDefaultPolicy_in_separate_statements_in_a_Startup_class(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public Startup(IConfiguration configuration) => Configuration = configuration;

                public IConfiguration Configuration { get; }

                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddCors(options =>
                    {
                        options.AddDefaultPolicy(policy =>
                        {
                            policy.{|CORS001:AllowAnyOrigin()|};
                            policy.AllowAnyMethod();
                            policy.AllowCredentials();
                        });
                    });
                }

                public void Configure(IApplicationBuilder app)
                {
                    app.UseCors();
                }
            }
            """, version);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task UseCors_and_RequireCors_with_an_inline_policy(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            var app = builder.Build();
            app.UseCors(b => b.WithOrigins({|CORS001:"*"|}).AllowCredentials());
            app.MapGet("/orders", () => "[]").RequireCors(b => b.AllowCredentials().{|CORS001:AllowAnyOrigin()|});
            app.Run();
            """, version, topLevel: true);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task New_CorsPolicyBuilder_with_a_wildcard(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Policies
            {
                public static CorsPolicy Chained() => new CorsPolicyBuilder({|CORS001:"*"|}).AllowCredentials().Build();

                public static CorsPolicy InStatements()
                {
                    var builder = new CorsPolicyBuilder();
                    builder.{|CORS001:AllowAnyOrigin()|};
                    builder.AllowCredentials();
                    return builder.Build();
                }
            }
            """, version);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Hand_built_CorsPolicy(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.DependencyInjection;

            public static class CorsSetup
            {
                public static void Add(IServiceCollection services)
                {
                    var open = new CorsPolicy { SupportsCredentials = true, Origins = { {|CORS001:"*"|} } };

                    var statements = new CorsPolicy();
                    statements.Origins.Add({|CORS001:"*"|});
                    statements.SupportsCredentials = true;

                    services.AddCors(o =>
                    {
                        o.AddPolicy("open", open);
                        o.AddPolicy("statements", statements);
                    });
                }
            }
            """, version);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Constants_arrays_and_collection_expressions(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Origins
            {
                public const string Any = "*";
                private const string Star = "*";

                public static void Configure(CorsOptions options)
                {
                    options.AddPolicy("const", p => p.WithOrigins({|CORS001:Any|}).AllowCredentials());
                    options.AddPolicy("interpolated", p => p.WithOrigins({|CORS001:$"{Star}"|}).AllowCredentials());
                    options.AddPolicy("array", p => p.WithOrigins(new[] { {|CORS001:"*"|} }).AllowCredentials());
                    options.AddPolicy("collection", p => p.WithOrigins([{|CORS001:"*"|}]).AllowCredentials());
                }
            }
            """, version);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Builder_passed_to_helpers_in_another_file(AspNetCore version)
    {
        var test = new VerifyCS.Test(version)
        {
            TestState =
            {
                Sources =
                {
                    ("Program.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;
                        using Microsoft.Extensions.DependencyInjection;

                        public static class Setup
                        {
                            public static void AddApiCors(this IServiceCollection services)
                            {
                                services.AddCors(o =>
                                {
                                    o.AddPolicy("extension", p => p.{|CORS001:AllowAnyOrigin()|}.WithCookies());
                                    o.AddPolicy("helper-wildcard", p => { CorsHelpers.Open(p); p.AllowCredentials(); });
                                    o.AddPolicy("method-group", CorsHelpers.OpenWithCookies);
                                });
                            }
                        }
                        """),
                    ("CorsHelpers.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;

                        public static class CorsHelpers
                        {
                            public static CorsPolicyBuilder WithCookies(this CorsPolicyBuilder builder) => builder.AllowCredentials();

                            public static void Open(CorsPolicyBuilder builder) => builder.{|CORS001:AllowAnyOrigin()|};

                            public static void OpenWithCookies(CorsPolicyBuilder builder)
                            {
                                builder.{|CORS001:AllowAnyOrigin()|};
                                builder.WithCookies();
                            }
                        }
                        """),
                },
            },
        };
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task CorsOptions_passed_to_a_helper(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.DependencyInjection;

            public static class Setup
            {
                public static void Add(IServiceCollection services) => services.AddCors(AddPolicies);

                private static void AddPolicies(CorsOptions options)
                {
                    options.AddPolicy("spa", policy => policy.{|CORS001:AllowAnyOrigin()|}.AllowCredentials());
                }
            }
            """, version);
    }

    [Fact]
    public async Task Local_function_helper_is_judged_in_its_block()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o => o.AddPolicy("spa", p => { p.{|CORS001:AllowAnyOrigin()|}; WithCookies(p); }));
            builder.Build().Run();

            static void WithCookies(CorsPolicyBuilder p) => p.AllowCredentials();
            """, topLevel: true);
    }

    [Fact]
    public async Task Credentials_turned_on_in_one_branch()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Setup
            {
                public static void Configure(CorsOptions options, bool cookies)
                {
                    options.AddPolicy("spa", policy =>
                    {
                        policy.{|CORS001:AllowAnyOrigin()|};
                        if (cookies)
                        {
                            policy.AllowCredentials();
                        }
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Message_names_the_policy_and_the_runtime_failure()
    {
        var startup = "the app fails at startup with InvalidOperationException 'The CORS protocol does not allow specifying a wildcard (any) origin and credentials at the same time' when the CORS middleware is created, even if the policy is never used";
        var perRequest = "every request with an Origin header gets a 500 because CorsService throws ArgumentException 'The CORS protocol does not allow specifying a wildcard (any) origin and credentials at the same time'";
        var build = "Build() throws InvalidOperationException 'The CORS protocol does not allow specifying a wildcard (any) origin and credentials at the same time'";
        var useCors = "this UseCors call throws InvalidOperationException 'The CORS protocol does not allow specifying a wildcard (any) origin and credentials at the same time' at startup";
        var test = new VerifyCS.Test
        {
            TestCode = """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.AspNetCore.Cors.Infrastructure;

                public static class Setup
                {
                    private const string PolicyName = "Spa";

                    public static void Configure(CorsOptions options, IApplicationBuilder app)
                    {
                        options.AddPolicy(PolicyName, p => p.{|#0:AllowAnyOrigin()|}.{|#10:AllowCredentials()|});
                        options.AddDefaultPolicy(p => p.{|#1:AllowAnyOrigin()|}.{|#11:AllowCredentials()|});
                        options.AddPolicy("hand-built", new CorsPolicy { Origins = { {|#2:"*"|} }, {|#12:SupportsCredentials = true|} });
                        var policy = new CorsPolicyBuilder({|#3:"*"|}).{|#13:AllowCredentials()|}.Build();
                        app.UseCors(p => p.{|#4:AllowAnyOrigin()|}.{|#14:AllowCredentials()|});
                    }
                }
                """,
            ExpectedDiagnostics =
            {
                VerifyCS.Diagnostic("CORS001").WithLocation(0).WithLocation(10).WithArguments("CORS policy 'Spa'", startup),
                VerifyCS.Diagnostic("CORS001").WithLocation(1).WithLocation(11).WithArguments("The default CORS policy", startup),
                VerifyCS.Diagnostic("CORS001").WithLocation(2).WithLocation(12).WithArguments("This CorsPolicy", perRequest),
                VerifyCS.Diagnostic("CORS001").WithLocation(3).WithLocation(13).WithArguments("This CorsPolicyBuilder", build),
                VerifyCS.Diagnostic("CORS001").WithLocation(4).WithLocation(14).WithArguments("The CORS policy passed to UseCors", useCors),
            },
        };
        await test.RunAsync();
    }

    // ---- Negative cases: correct or uncertain code stays silent ---------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Correct_and_undone_policies_are_silent(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.Configuration;

            public static class Setup
            {
                public static void Configure(CorsOptions options, IConfiguration config, bool development, Action<CorsPolicyBuilder> extra)
                {
                    options.AddPolicy("explicit", p => p.WithOrigins("https://app.example.com").AllowCredentials());
                    options.AddPolicy("no-credentials", p => p.AllowAnyOrigin().AllowAnyHeader());
                    options.AddPolicy("undone", p => p.AllowAnyOrigin().AllowCredentials().DisallowCredentials());
                    options.AddPolicy("wildcard-lost", p => p.AllowAnyOrigin().WithOrigins("https://app.example.com").AllowCredentials());
                    options.AddPolicy("mixed", p => p.WithOrigins("*", "https://app.example.com").AllowCredentials());
                    options.AddPolicy("predicate", p => p.SetIsOriginAllowed(_ => true).AllowCredentials());
                    options.AddPolicy("configured", p => p.WithOrigins(config.GetSection("Cors:Origins").Get<string[]>()!).AllowCredentials());
                    options.AddPolicy("escapes", p => { p.AllowAnyOrigin().AllowCredentials(); extra(p); });
                    options.AddPolicy("exclusive", p =>
                    {
                        if (development)
                        {
                            p.AllowAnyOrigin();
                        }
                        else
                        {
                            p.WithOrigins("https://app.example.com").AllowCredentials();
                        }
                    });
                    var policy = new CorsPolicy { SupportsCredentials = true };
                    policy.Origins.Add("https://app.example.com");
                    var unknown = new CorsPolicy { SupportsCredentials = development };
                    unknown.Origins.Add("*");
                }
            }
            """, version);
    }

    [Fact]
    public async Task Generated_code_is_not_analysed()
    {
        var test = new VerifyCS.Test
        {
            TestState =
            {
                Sources =
                {
                    ("Policies.g.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;

                        public static class GeneratedPolicies
                        {
                            public static void Configure(CorsOptions o) => o.AddPolicy("g", p => p.AllowAnyOrigin().AllowCredentials());
                        }
                        """),
                    ("Marked.cs", """
                        // <auto-generated/>
                        using Microsoft.AspNetCore.Cors.Infrastructure;

                        public static class MarkedPolicies
                        {
                            public static void Configure(CorsOptions o) => o.AddPolicy("m", p => p.AllowAnyOrigin().AllowCredentials());
                        }
                        """),
                },
            },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task Lookalike_types_without_AspNetCore_are_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            namespace MyApp.Cors
            {
                public class CorsPolicyBuilder
                {
                    public CorsPolicyBuilder AllowAnyOrigin() => this;
                    public CorsPolicyBuilder AllowCredentials() => this;
                }

                public static class Setup
                {
                    public static void Configure() => new CorsPolicyBuilder().AllowAnyOrigin().AllowCredentials();
                }
            }
            """, AspNetCore.None);
    }

    // ---- Fix (a): allow the configured origins ----------------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Configured_origins_through_builder_Configuration(AspNetCore version)
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                // The SPA sends its auth cookie.
                options.AddPolicy("Frontend", policy => policy
                    .{|CORS001:AllowAnyOrigin()|} // was: everyone
                    .AllowAnyHeader()
                    .AllowCredentials());
            });
            var app = builder.Build();
            app.UseCors("Frontend");
            app.Run();
            """, """
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                // The SPA sends its auth cookie.
                options.AddPolicy("Frontend", policy => policy
                    .WithOrigins(builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? Array.Empty<string>()) // was: everyone
                    .AllowAnyHeader()
                    .AllowCredentials());
            });
            var app = builder.Build();
            app.UseCors("Frontend");
            app.Run();
            """, Configured, version, topLevel: true);
    }

    [Fact]
    public async Task Configured_origins_through_a_Startup_Configuration_property()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public Startup(IConfiguration configuration) => Configuration = configuration;

                public IConfiguration Configuration { get; }

                public void ConfigureServices(IServiceCollection services) =>
                    services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins({|CORS001:"*"|}).AllowCredentials()));

                public void Configure(IApplicationBuilder app) => app.UseCors();
            }
            """, """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public Startup(IConfiguration configuration) => Configuration = configuration;

                public IConfiguration Configuration { get; }

                public void ConfigureServices(IServiceCollection services) =>
                    services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins(Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? System.Array.Empty<string>()).AllowCredentials()));

                public void Configure(IApplicationBuilder app) => app.UseCors();
            }
            """, Configured);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Configured_origins_through_an_injected_IConfiguration(AspNetCore version)
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System;
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            public static class CorsSetup
            {
                public static IServiceCollection AddFrontendCors(this IServiceCollection services, IConfiguration configuration) =>
                    services.AddCors(o => o.AddPolicy("Frontend", p => p.{|CORS001:AllowAnyOrigin()|}.AllowCredentials()));

                public static CorsPolicy Build(IConfiguration configuration) =>
                    new CorsPolicyBuilder({|CORS001:"*"|}).AllowCredentials().Build();
            }
            """, """
            using System;
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            public static class CorsSetup
            {
                public static IServiceCollection AddFrontendCors(this IServiceCollection services, IConfiguration configuration) =>
                    services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins(configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? Array.Empty<string>()).AllowCredentials()));

                public static CorsPolicy Build(IConfiguration configuration) =>
                    new CorsPolicyBuilder(configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? Array.Empty<string>()).AllowCredentials().Build();
            }
            """, Configured, version);
    }

    [Fact]
    public async Task Configured_origins_not_offered_without_a_reachable_configuration()
    {
        const string source = """
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.Configuration;

            public class Setup
            {
                private readonly IConfiguration _configuration = null!;

                public static void Configure(CorsOptions options) =>
                    options.AddPolicy("spa", p => p.{|CORS001:AllowAnyOrigin()|}.AllowCredentials());

                public static CorsPolicy Policy() => new CorsPolicy { Origins = { {|CORS001:"*"|} }, SupportsCredentials = true };

                // A hand-built policy's Origins list takes one string at a time: no array to substitute.
                public void Instance(CorsOptions options) =>
                    options.AddPolicy("hand-built", new CorsPolicy { Origins = { {|CORS001:"*"|} }, SupportsCredentials = true });
            }
            """;
        await VerifyCS.VerifyCodeFixAsync(source, source, Configured);
    }

    // ---- Fix (b): drop credentials ---------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Remove_AllowCredentials_in_every_shape(AspNetCore version)
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Setup
            {
                public static void Configure(CorsOptions options)
                {
                    options.AddPolicy("chain", policy => policy
                        .{|CORS001:AllowAnyOrigin()|}
                        .AllowAnyHeader() // headers too
                        .AllowCredentials());
                    options.AddPolicy("first", policy => policy.AllowCredentials().{|CORS001:AllowAnyOrigin()|});
                    options.AddPolicy("statements", policy =>
                    {
                        policy.{|CORS001:AllowAnyOrigin()|};
                        policy.AllowCredentials();
                        policy.AllowAnyMethod();
                    });
                    options.AddPolicy("hand-built", new CorsPolicy
                    {
                        SupportsCredentials = true,
                        Origins = { {|CORS001:"*"|} },
                    });
                }
            }
            """, """
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Setup
            {
                public static void Configure(CorsOptions options)
                {
                    options.AddPolicy("chain", policy => policy
                        .AllowAnyOrigin()
                        .AllowAnyHeader() // headers too
                        );
                    options.AddPolicy("first", policy => policy.AllowAnyOrigin());
                    options.AddPolicy("statements", policy =>
                    {
                        policy.AllowAnyOrigin();
                        policy.AllowAnyMethod();
                    });
                    options.AddPolicy("hand-built", new CorsPolicy
                    {
                        Origins = { "*" },
                    });
                }
            }
            """, RemoveCredentials, version);
    }

    [Fact]
    public async Task Remove_AllowCredentials_keeps_the_chain_on_its_lines()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Setup
            {
                public static void Configure(CorsOptions options)
                {
                    options.AddPolicy("chain", policy =>
                        policy.{|CORS001:AllowAnyOrigin()|}
                              .AllowAnyHeader()
                              .AllowCredentials());
                }
            }
            """, """
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Setup
            {
                public static void Configure(CorsOptions options)
                {
                    options.AddPolicy("chain", policy =>
                        policy.AllowAnyOrigin()
                              .AllowAnyHeader());
                }
            }
            """, RemoveCredentials);
    }

    [Fact]
    public async Task Remove_AllowCredentials_not_offered_when_it_lives_in_a_shared_helper()
    {
        var test = new VerifyCS.Test
        {
            TestState =
            {
                Sources =
                {
                    ("Setup.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;

                        public static class Setup
                        {
                            public static void Configure(CorsOptions o) => o.AddPolicy("spa", p => p.{|CORS001:AllowAnyOrigin()|}.WithCookies());
                        }
                        """),
                    ("Helpers.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;

                        public static class Helpers
                        {
                            public static CorsPolicyBuilder WithCookies(this CorsPolicyBuilder b) => b.AllowCredentials();
                        }
                        """),
                },
            },
            CodeActionEquivalenceKey = RemoveCredentials,

            // Policies spread over files are judged at compilation end (non-local diagnostics); dotnet format fixes them.
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        test.FixedState.Sources.AddRange(test.TestState.Sources);
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        await test.RunAsync();
    }

    [Fact]
    public async Task Configured_origins_when_credentials_come_from_a_helper_in_another_file()
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
                            public static void Configure(CorsOptions o, IConfiguration config) =>
                                o.AddPolicy("spa", p => p.{|CORS001:AllowAnyOrigin()|}.WithCookies());
                        }
                        """),
                    ("Helpers.cs", Helpers),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ("Setup.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;
                        using Microsoft.Extensions.Configuration;

                        public static class Setup
                        {
                            public static void Configure(CorsOptions o, IConfiguration config) =>
                                o.AddPolicy("spa", p => p.WithOrigins(config.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? System.Array.Empty<string>()).WithCookies());
                        }
                        """),
                    ("Helpers.cs", Helpers),
                },
            },
            CodeActionEquivalenceKey = Configured,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        await test.RunAsync();
    }

    private const string Helpers = """
        using Microsoft.AspNetCore.Cors.Infrastructure;

        public static class Helpers
        {
            public static CorsPolicyBuilder WithCookies(this CorsPolicyBuilder b) => b.AllowCredentials();
        }
        """;

    // ---- FixAll ----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(Configured)]
    [InlineData(RemoveCredentials)]
    public async Task FixAll_across_files(string key)
    {
        var fixedWithConfiguration = key == Configured;
        var test = new VerifyCS.Test
        {
            TestState =
            {
                Sources =
                {
                    ("Startup.cs", """
                        using Microsoft.AspNetCore.Builder;
                        using Microsoft.Extensions.Configuration;
                        using Microsoft.Extensions.DependencyInjection;

                        public class Startup(IConfiguration configuration)
                        {
                            public void ConfigureServices(IServiceCollection services)
                            {
                                services.AddCors(o =>
                                {
                                    o.AddPolicy("a", p => p.{|CORS001:AllowAnyOrigin()|}.AllowCredentials());
                                    o.AddPolicy("b", p => p.WithOrigins({|CORS001:"*"|}).AllowCredentials());
                                });
                            }

                            public void Configure(IApplicationBuilder app) => app.UseCors(p => p.{|CORS001:AllowAnyOrigin()|}.AllowCredentials());
                        }
                        """),
                    ("Extensions.cs", """
                        using Microsoft.Extensions.Configuration;
                        using Microsoft.Extensions.DependencyInjection;

                        public static class Extensions
                        {
                            public static void AddAdminCors(this IServiceCollection services, IConfiguration configuration) =>
                                services.AddCors(o => o.AddPolicy("admin", p => p.{|CORS001:AllowAnyOrigin()|}.AllowCredentials()));
                        }
                        """),
                },
            },
            CodeActionEquivalenceKey = key,
        };

        const string Read = """configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? System.Array.Empty<string>()""";
        test.FixedState.Sources.Add(("Startup.cs", $$"""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup(IConfiguration configuration)
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddCors(o =>
                    {
                        o.AddPolicy("a", p => p.{{(fixedWithConfiguration ? $"WithOrigins({Read}).AllowCredentials()" : "AllowAnyOrigin()")}});
                        o.AddPolicy("b", p => p.WithOrigins({{(fixedWithConfiguration ? $"{Read}).AllowCredentials()" : "\"*\")")}});
                    });
                }

                public void Configure(IApplicationBuilder app) => app.UseCors(p => p.{{(fixedWithConfiguration ? $"WithOrigins({Read}).AllowCredentials()" : "AllowAnyOrigin()")}});
            }
            """));
        test.FixedState.Sources.Add(("Extensions.cs", $$"""
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            public static class Extensions
            {
                public static void AddAdminCors(this IServiceCollection services, IConfiguration configuration) =>
                    services.AddCors(o => o.AddPolicy("admin", p => p.{{(fixedWithConfiguration ? $"WithOrigins({Read}).AllowCredentials()" : "AllowAnyOrigin()")}}));
            }
            """));
        await test.RunAsync();
    }
}

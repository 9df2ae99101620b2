using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.PolicyAnalyzer, CorsAnalyzers.CodeFixes.CORS003PermissiveOriginOutsideDevelopmentFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS003PermissiveOriginOutsideDevelopmentTests
{
    private const string Configured = CORS003PermissiveOriginOutsideDevelopmentFixer.AllowConfiguredOriginsKey;

    // ---- Positive cases, in every policy shape -------------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Minimal_hosting_AddPolicy_UseCors_RequireCors(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Public", policy => policy.{|CORS003:AllowAnyOrigin()|}.AllowAnyHeader());
                options.AddPolicy("Star", policy => policy.WithOrigins({|CORS003:"*"|}).AllowAnyMethod());
                options.AddPolicy("Reflect", policy => policy.{|CORS003:SetIsOriginAllowed(_ => true)|}.AllowAnyHeader());
            });
            var app = builder.Build();
            app.UseCors(b => b.{|CORS003:AllowAnyOrigin()|});
            app.MapGet("/status", () => "ok").RequireCors(b => b.WithOrigins({|CORS003:"*"|}));
            app.Run();
            """, version, topLevel: true);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Startup_class_with_statements_builder_and_hand_built_policy(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                private const string Any = "*";
                private static readonly string[] Everyone = { {|CORS003:"*"|} };

                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddCors(options =>
                    {
                        options.AddDefaultPolicy(policy =>
                        {
                            policy.WithOrigins({|CORS003:Any|});
                            policy.AllowAnyMethod();
                        });
                        options.AddPolicy("collection", p => p.WithOrigins([{|CORS003:"*"|}]));
                        options.AddPolicy("hand-built", new CorsPolicy { Origins = { {|CORS003:"*"|} } });
                        options.AddPolicy("builder", new CorsPolicyBuilder({|CORS003:"*"|}).Build());
                        options.AddPolicy("static-readonly", p => p.WithOrigins(Everyone));
                        options.AddPolicy("array", p => p.WithOrigins(new[] { {|CORS003:"*"|} }));
                    });
                }

                public void Configure(IApplicationBuilder app) => app.UseCors();
            }
            """, version);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Helper_in_another_file_called_from_production_code(AspNetCore version)
    {
        var test = new VerifyCS.Test(version)
        {
            TestState =
            {
                OutputKind = OutputKind.ConsoleApplication,
                Sources =
                {
                    ("Program.cs", """
                        using Microsoft.AspNetCore.Builder;

                        var builder = WebApplication.CreateBuilder(args);
                        builder.Services.AddApiCors();
                        var app = builder.Build();
                        app.UseCors("Api");
                        app.Run();
                        """),
                    ("CorsSetup.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;
                        using Microsoft.Extensions.DependencyInjection;

                        public static class CorsSetup
                        {
                            public static IServiceCollection AddApiCors(this IServiceCollection services) =>
                                services.AddCors(o => o.AddPolicy("Api", p => p.Open().AllowAnyHeader()));

                            private static CorsPolicyBuilder Open(this CorsPolicyBuilder builder) => builder.{|CORS003:AllowAnyOrigin()|};
                        }
                        """),
                },
            },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task Message_names_the_policy_and_the_call()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using Microsoft.Extensions.DependencyInjection;

                public class Startup
                {
                    public void ConfigureServices(IServiceCollection services) => services.AddCors(options =>
                    {
                        options.AddPolicy("Public", p => p.{|#0:AllowAnyOrigin()|});
                        options.AddDefaultPolicy(p => p.WithOrigins({|#1:"*"|}));
                        options.AddPolicy("Reflect", p => p.{|#2:SetIsOriginAllowed(origin => true)|});
                    });
                }
                """,
            ExpectedDiagnostics =
            {
                VerifyCS.Diagnostic("CORS003").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(0).WithArguments("CORS policy 'Public'", "AllowAnyOrigin()"),
                VerifyCS.Diagnostic("CORS003").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(1).WithArguments("The default CORS policy", "WithOrigins(\"*\")"),
                VerifyCS.Diagnostic("CORS003").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(2).WithArguments("CORS policy 'Reflect'", "SetIsOriginAllowed(origin => true)"),
            },
        };
        await test.RunAsync();
    }

    // ---- Negative cases: development, configuration, credentials (CORS001/CORS002 own those) --------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Development_branches_are_silent(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            if (builder.Environment.IsDevelopment())
            {
                builder.Services.AddCors(o => o.AddPolicy("dev", p => p.AllowAnyOrigin()));
            }
            else
            {
                builder.Services.AddCors(o => o.AddPolicy("dev", p => p.WithOrigins("https://app.example.com")));
            }

            var app = builder.Build();
            if (app.Environment.IsDevelopment())
            {
                app.UseCors(p => p.SetIsOriginAllowed(_ => true));
            }

            app.Run();
            """, version, topLevel: true);
    }

    [Fact]
    public async Task Code_after_a_non_development_exit_is_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.Hosting;

            public class Startup
            {
                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    app.UseCors(p => p.WithOrigins("https://app.example.com"));
                    if (!env.IsDevelopment())
                    {
                        return;
                    }

                    app.UseCors(p => p.AllowAnyOrigin());
                }
            }
            """);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Helper_called_only_in_development_is_silent(AspNetCore version)
    {
        var test = new VerifyCS.Test(version)
        {
            TestState =
            {
                OutputKind = OutputKind.ConsoleApplication,
                Sources =
                {
                    ("Program.cs", """
                        using Microsoft.AspNetCore.Builder;
                        using Microsoft.Extensions.Hosting;

                        var builder = WebApplication.CreateBuilder(args);
                        if (builder.Environment.IsDevelopment())
                        {
                            builder.Services.AddOpenCors();
                        }

                        builder.Build().Run();
                        """),
                    ("CorsSetup.cs", """
                        using Microsoft.Extensions.DependencyInjection;

                        public static class CorsSetup
                        {
                            public static void AddOpenCors(this IServiceCollection services) =>
                                services.AddCors(o => o.AddDefaultPolicy(p => p.AllowAnyOrigin()));

                            // Nobody in this compilation calls it: where it runs is not known.
                            public static void AddLibraryCors(this IServiceCollection services) =>
                                services.AddCors(o => o.AddDefaultPolicy(p => p.AllowAnyOrigin()));
                        }
                        """),
                },
            },
        };
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Explicit_configured_credentialed_and_mixed_origins_are_silent(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup(IConfiguration configuration)
            {
                public void ConfigureServices(IServiceCollection services) => services.AddCors(options =>
                {
                    options.AddPolicy("explicit", p => p.WithOrigins("https://app.example.com"));
                    options.AddPolicy("configured", p => p.WithOrigins(configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? Array.Empty<string>()));
                    options.AddPolicy("wildcard-credentials", p => p.{|CORS001:AllowAnyOrigin()|}.AllowCredentials());
                    options.AddPolicy("reflect-credentials", p => p.{|CORS002:SetIsOriginAllowed(_ => true)|}.AllowCredentials());
                    options.AddPolicy("wildcard-lost", p => p.AllowAnyOrigin().WithOrigins("https://app.example.com"));
                    options.AddPolicy("mixed", p => p.WithOrigins("*", "https://app.example.com"));
                    options.AddPolicy("strict-predicate", p => p.SetIsOriginAllowed(o => new Uri(o).Host == "example.com"));
                    options.AddPolicy("subdomains", p => p.WithOrigins("https://*.example.com").SetIsOriginAllowedToAllowWildcardSubdomains());
                });

                public void Configure(IApplicationBuilder app) => app.UseCors("explicit");
            }
            """, version);
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
                }

                public static class Program
                {
                    public static void Main() => new CorsPolicyBuilder().AllowAnyOrigin();
                }
            }
            """, AspNetCore.None);
    }

    // ---- Fix: allow the configured origins ------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Configured_origins_in_minimal_hosting(AspNetCore version)
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Public", policy => policy
                    .{|CORS003:AllowAnyOrigin()|} // anyone
                    .AllowAnyHeader());
                options.AddPolicy("Star", policy => policy.WithOrigins({|CORS003:"*"|}));
                options.AddPolicy("Reflect", policy => policy.{|CORS003:SetIsOriginAllowed(_ => true)|});
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
                options.AddPolicy("Public", policy => policy
                    .WithOrigins(builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? Array.Empty<string>()) // anyone
                    .AllowAnyHeader());
                options.AddPolicy("Star", policy => policy.WithOrigins(builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? Array.Empty<string>()));
                options.AddPolicy("Reflect", policy => policy.WithOrigins(builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? Array.Empty<string>()));
            });
            var app = builder.Build();
            app.Run();
            """, Configured, version, topLevel: true);
    }

    [Fact]
    public async Task Configured_origins_not_offered_for_a_hand_built_policy_or_without_configuration()
    {
        const string source = """
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    var policy = new CorsPolicy { {|CORS003:IsOriginAllowed = _ => true|} };
                    services.AddCors(options =>
                    {
                        options.AddPolicy("open", p => p.{|CORS003:AllowAnyOrigin()|});
                        options.AddPolicy("hand-built", new CorsPolicy { Origins = { {|CORS003:"*"|} } });
                        options.AddPolicy("reflect", policy);
                    });
                }
            }
            """;
        await VerifyCS.VerifyCodeFixAsync(source, source, Configured);
    }

    [Fact]
    public async Task FixAll_across_files()
    {
        const string Read = """configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? System.Array.Empty<string>()""";
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
                            public void ConfigureServices(IServiceCollection services) => services.AddCors(o =>
                            {
                                o.AddPolicy("a", p => p.{|CORS003:AllowAnyOrigin()|});
                                o.AddPolicy("b", p => p.WithOrigins({|CORS003:"*"|}));
                            });

                            public void Configure(IApplicationBuilder app) => app.UseCors(p => p.{|CORS003:SetIsOriginAllowed(o => true)|});
                        }
                        """),
                    ("AdminStartup.cs", """
                        using Microsoft.Extensions.Configuration;
                        using Microsoft.Extensions.DependencyInjection;

                        public class AdminStartup(IConfiguration configuration)
                        {
                            public void ConfigureServices(IServiceCollection services) =>
                                services.AddCors(o => o.AddPolicy("admin", p => p.{|CORS003:AllowAnyOrigin()|}));
                        }
                        """),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ("Startup.cs", $$"""
                        using Microsoft.AspNetCore.Builder;
                        using Microsoft.Extensions.Configuration;
                        using Microsoft.Extensions.DependencyInjection;

                        public class Startup(IConfiguration configuration)
                        {
                            public void ConfigureServices(IServiceCollection services) => services.AddCors(o =>
                            {
                                o.AddPolicy("a", p => p.WithOrigins({{Read}}));
                                o.AddPolicy("b", p => p.WithOrigins({{Read}}));
                            });

                            public void Configure(IApplicationBuilder app) => app.UseCors(p => p.WithOrigins({{Read}}));
                        }
                        """),
                    ("AdminStartup.cs", $$"""
                        using Microsoft.Extensions.Configuration;
                        using Microsoft.Extensions.DependencyInjection;

                        public class AdminStartup(IConfiguration configuration)
                        {
                            public void ConfigureServices(IServiceCollection services) =>
                                services.AddCors(o => o.AddPolicy("admin", p => p.WithOrigins({{Read}})));
                        }
                        """),
                },
            },
            CodeActionEquivalenceKey = Configured,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task Configured_origins_for_a_helper_judged_at_compilation_end()
    {
        var test = new VerifyCS.Test
        {
            TestState =
            {
                OutputKind = OutputKind.ConsoleApplication,
                Sources =
                {
                    ("Program.cs", ProgramCallingHelper),
                    ("CorsSetup.cs", """
                        using Microsoft.Extensions.Configuration;
                        using Microsoft.Extensions.DependencyInjection;

                        public static class CorsSetup
                        {
                            public static void AddApiCors(this IServiceCollection services, IConfiguration configuration) =>
                                services.AddCors(o => o.AddPolicy("Api", p => p.{|CORS003:AllowAnyOrigin()|}));
                        }
                        """),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ("Program.cs", ProgramCallingHelper),
                    ("CorsSetup.cs", """
                        using Microsoft.Extensions.Configuration;
                        using Microsoft.Extensions.DependencyInjection;

                        public static class CorsSetup
                        {
                            public static void AddApiCors(this IServiceCollection services, IConfiguration configuration) =>
                                services.AddCors(o => o.AddPolicy("Api", p => p.WithOrigins(configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? System.Array.Empty<string>())));
                        }
                        """),
                },
            },
            CodeActionEquivalenceKey = Configured,

            // The environment of a helper is settled by its callers at compilation end (a non-local diagnostic).
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        await test.RunAsync();
    }

    private const string ProgramCallingHelper = """
        using Microsoft.AspNetCore.Builder;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddApiCors(builder.Configuration);
        builder.Build().Run();
        """;
}

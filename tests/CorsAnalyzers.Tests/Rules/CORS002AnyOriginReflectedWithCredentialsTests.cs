using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.PolicyAnalyzer, CorsAnalyzers.CodeFixes.CORS002AnyOriginReflectedWithCredentialsFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS002AnyOriginReflectedWithCredentialsTests
{
    private const string Configured = CORS002AnyOriginReflectedWithCredentialsFixer.AllowConfiguredOriginsKey;

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
                    .{|CORS002:SetIsOriginAllowed(_ => true)|}
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
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddCors(options =>
                    {
                        options.AddDefaultPolicy(policy =>
                        {
                            policy.AllowCredentials();
                            policy.{|CORS002:SetIsOriginAllowed(origin =>
                            {
                                return true;
                            })|};
                            policy.AllowAnyMethod();
                        });
                    });
                }

                public void Configure(IApplicationBuilder app) => app.UseCors();
            }
            """, version);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task UseCors_RequireCors_builder_and_hand_built_policy(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o => o.AddPolicy("hand-built", new CorsPolicy { {|CORS002:IsOriginAllowed = _ => true|}, SupportsCredentials = true }));
            var app = builder.Build();
            app.UseCors(b => b.{|CORS002:SetIsOriginAllowed(o => true)|}.AllowCredentials());
            app.MapGet("/orders", () => "[]").RequireCors(b => b.AllowCredentials().{|CORS002:SetIsOriginAllowed(delegate (string origin) { return true; })|});
            var policy = new CorsPolicyBuilder().{|CORS002:SetIsOriginAllowed(origin => origin != null)|}.AllowCredentials().Build();
            app.Run();
            """, version, topLevel: true);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Method_groups_local_functions_and_helpers_in_another_file(AspNetCore version)
    {
        var test = new VerifyCS.Test(version)
        {
            TestState =
            {
                OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
                Sources =
                {
                    ("Program.cs", """
                        using Microsoft.AspNetCore.Builder;
                        using Microsoft.Extensions.DependencyInjection;

                        var builder = WebApplication.CreateBuilder(args);
                        builder.Services.AddCors(o =>
                        {
                            o.AddPolicy("method-group", p => p.{|CORS002:SetIsOriginAllowed(OriginRules.AllowAll)|}.AllowCredentials());
                            o.AddPolicy("local-function", p => p.{|CORS002:SetIsOriginAllowed(Anything)|}.AllowCredentials());
                            o.AddPolicy("helper", p => p.AllowAnyOrigins().AllowCredentials());
                        });
                        builder.Build().Run();

                        static bool Anything(string origin) => true;
                        """),
                    ("OriginRules.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;

                        public static class OriginRules
                        {
                            public static bool AllowAll(string origin)
                            {
                                return true;
                            }

                            public static CorsPolicyBuilder AllowAnyOrigins(this CorsPolicyBuilder builder) => builder.{|CORS002:SetIsOriginAllowed(_ => true)|};
                        }
                        """),
                },
            },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task Credentials_turned_on_in_one_branch()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Setup
            {
                public static void AddPolicies(CorsOptions options, bool cookies)
                {
                    options.AddPolicy("spa", policy =>
                    {
                        policy.{|CORS002:SetIsOriginAllowed(_ => true)|};
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
    public async Task Message_names_the_policy_and_the_predicate()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using Microsoft.AspNetCore.Cors.Infrastructure;

                public static class Setup
                {
                    public static void AddPolicies(CorsOptions options)
                    {
                        options.AddPolicy("Spa", p => p.{|#0:SetIsOriginAllowed(_ => true)|}.{|#1:AllowCredentials()|});
                        options.AddPolicy("hand-built", new CorsPolicy { {|#2:IsOriginAllowed = origin => true|}, {|#3:SupportsCredentials = true|} });
                    }
                }
                """,
            ExpectedDiagnostics =
            {
                VerifyCS.Diagnostic("CORS002").WithLocation(0).WithLocation(1).WithArguments("CORS policy 'Spa'", "SetIsOriginAllowed(_ => true)"),
                VerifyCS.Diagnostic("CORS002").WithLocation(2).WithLocation(3).WithArguments("This CorsPolicy", "IsOriginAllowed = origin => true"),
            },
        };
        await test.RunAsync();
    }

    // ---- Negative cases: correct or uncertain code stays silent ---------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Strict_undone_and_unknown_predicates_are_silent(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.Configuration;

            public static class Setup
            {
                private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase) { "https://app.example.com" };

                public static void AddPolicies(CorsOptions options, IConfiguration config, Func<string, bool> isAllowed)
                {
                    options.AddPolicy("host", p => p.SetIsOriginAllowed(o => new Uri(o).Host == "example.com").AllowCredentials());
                    options.AddPolicy("subdomains", p => p.SetIsOriginAllowed(o => new Uri(o).Host.EndsWith(".example.com")).AllowCredentials());
                    options.AddPolicy("set", p => p.SetIsOriginAllowed(Allowed.Contains).AllowCredentials());
                    options.AddPolicy("set-lambda", p => p.SetIsOriginAllowed(o => Allowed.Contains(o)).AllowCredentials());
                    options.AddPolicy("injected", p => p.SetIsOriginAllowed(isAllowed).AllowCredentials());
                    options.AddPolicy("configured", p => p.SetIsOriginAllowed(o => o == config["Cors:Origin"]).AllowCredentials());
                    options.AddPolicy("no-credentials", p => p.SetIsOriginAllowed(_ => true));
                    options.AddPolicy("undone", p => p.SetIsOriginAllowed(_ => true).AllowCredentials().DisallowCredentials());
                    options.AddPolicy("replaced", p => p
                        .SetIsOriginAllowed(_ => true)
                        .WithOrigins("https://*.example.com")
                        .SetIsOriginAllowedToAllowWildcardSubdomains()
                        .AllowCredentials());
                    options.AddPolicy("false", p => p.SetIsOriginAllowed(_ => false).AllowCredentials());
                }
            }
            """, version);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Development_only_policies_are_exempt(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            if (builder.Environment.IsDevelopment())
            {
                builder.Services.AddCors(o => o.AddPolicy("dev", p => p.SetIsOriginAllowed(_ => true).AllowCredentials()));
            }

            var app = builder.Build();
            if (app.Environment.IsDevelopment())
            {
                app.UseCors(p => p.SetIsOriginAllowed(_ => true).AllowCredentials());
            }

            app.Run();
            """, version, topLevel: true);
    }

    [Fact]
    public async Task Lookalike_types_without_AspNetCore_are_silent()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;

            namespace MyApp.Cors
            {
                public class CorsPolicyBuilder
                {
                    public CorsPolicyBuilder SetIsOriginAllowed(Func<string, bool> predicate) => this;
                    public CorsPolicyBuilder AllowCredentials() => this;
                }

                public static class Setup
                {
                    public static void Configure() => new CorsPolicyBuilder().SetIsOriginAllowed(_ => true).AllowCredentials();
                }
            }
            """, AspNetCore.None);
    }

    // ---- Fix: allow the configured origins ------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Configured_origins_through_builder_Configuration(AspNetCore version)
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                // The SPA sends its auth cookie.
                options.AddPolicy("Frontend", policy => policy
                    .{|CORS002:SetIsOriginAllowed(_ => true)|} // was: everyone
                    .AllowAnyHeader()
                    .AllowCredentials());
            });
            var app = builder.Build();
            app.UseCors("Frontend");
            app.Run();
            """, """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                // The SPA sends its auth cookie.
                options.AddPolicy("Frontend", policy => policy
                    .WithOrigins(builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? System.Array.Empty<string>()) // was: everyone
                    .AllowAnyHeader()
                    .AllowCredentials());
            });
            var app = builder.Build();
            app.UseCors("Frontend");
            app.Run();
            """, Configured, version, topLevel: true);
    }

    [Fact]
    public async Task Configured_origins_in_statements_with_a_Startup_configuration()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup(IConfiguration configuration)
            {
                public void ConfigureServices(IServiceCollection services) => services.AddCors(o => o.AddDefaultPolicy(policy =>
                {
                    policy.{|CORS002:SetIsOriginAllowed(AllowAll)|};
                    policy.AllowCredentials();
                }));

                public void Configure(IApplicationBuilder app) => app.UseCors();

                private static bool AllowAll(string origin) => true;
            }
            """, """
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup(IConfiguration configuration)
            {
                public void ConfigureServices(IServiceCollection services) => services.AddCors(o => o.AddDefaultPolicy(policy =>
                {
                    policy.WithOrigins(configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? Array.Empty<string>());
                    policy.AllowCredentials();
                }));

                public void Configure(IApplicationBuilder app) => app.UseCors();

                private static bool AllowAll(string origin) => true;
            }
            """, Configured);
    }

    [Fact]
    public async Task Configured_origins_not_offered_for_a_hand_built_policy_or_without_configuration()
    {
        const string source = """
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.Configuration;

            public static class Setup
            {
                public static void AddPolicies(CorsOptions options) =>
                    options.AddPolicy("spa", p => p.{|CORS002:SetIsOriginAllowed(_ => true)|}.AllowCredentials());

                public static CorsPolicy Policy(IConfiguration configuration) =>
                    new CorsPolicy { {|CORS002:IsOriginAllowed = _ => true|}, SupportsCredentials = true };
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
                                o.AddPolicy("a", p => p.{|CORS002:SetIsOriginAllowed(_ => true)|}.AllowCredentials());
                                o.AddPolicy("b", p => p.AllowCredentials().{|CORS002:SetIsOriginAllowed(origin => { return true; })|});
                            });

                            public void Configure(IApplicationBuilder app) => app.UseCors(p => p.{|CORS002:SetIsOriginAllowed(o => true)|}.AllowCredentials());
                        }
                        """),
                    ("Extensions.cs", """
                        using Microsoft.Extensions.Configuration;
                        using Microsoft.Extensions.DependencyInjection;

                        public static class Extensions
                        {
                            public static void AddAdminCors(this IServiceCollection services, IConfiguration configuration) =>
                                services.AddCors(o => o.AddPolicy("admin", p => p.{|CORS002:SetIsOriginAllowed(_ => true)|}.AllowCredentials()));
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
                                o.AddPolicy("a", p => p.WithOrigins({{Read}}).AllowCredentials());
                                o.AddPolicy("b", p => p.AllowCredentials().WithOrigins({{Read}}));
                            });

                            public void Configure(IApplicationBuilder app) => app.UseCors(p => p.WithOrigins({{Read}}).AllowCredentials());
                        }
                        """),
                    ("Extensions.cs", $$"""
                        using Microsoft.Extensions.Configuration;
                        using Microsoft.Extensions.DependencyInjection;

                        public static class Extensions
                        {
                            public static void AddAdminCors(this IServiceCollection services, IConfiguration configuration) =>
                                services.AddCors(o => o.AddPolicy("admin", p => p.WithOrigins({{Read}}).AllowCredentials()));
                        }
                        """),
                },
            },
            CodeActionEquivalenceKey = Configured,
        };
        await test.RunAsync();
    }
}

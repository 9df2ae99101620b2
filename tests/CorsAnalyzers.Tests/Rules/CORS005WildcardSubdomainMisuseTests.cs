using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.PolicyAnalyzer, CorsAnalyzers.CodeFixes.CORS005WildcardSubdomainMisuseFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS005WildcardSubdomainMisuseTests
{
    private const string AddCall = CORS005WildcardSubdomainMisuseFixer.AddCallKey;
    private const string RemoveCall = CORS005WildcardSubdomainMisuseFixer.RemoveCallKey;

    // ---- (a) wildcard origin without the call, in every policy shape ----------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Wildcard_origin_without_the_call_in_minimal_hosting(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Tenants", policy => policy
                    .WithOrigins({|CORS005:"https://*.example.com"|}, "https://example.com")
                    .AllowAnyHeader());
                options.AddDefaultPolicy(policy => policy.WithOrigins({|CORS005:"https://*.contoso.com"|}));
            });
            var app = builder.Build();
            app.UseCors(b => b.WithOrigins({|CORS005:"https://*.example.org"|}));
            app.MapGet("/", () => "ok").RequireCors(b => b.WithOrigins({|CORS005:"https://*.example.net"|}));
            app.Run();
            """, version, topLevel: true);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Wildcard_origin_in_a_Startup_class_builder_and_hand_built_policy(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                private const string Tenants = "https://*.example.com";
                private static readonly string[] Partners = { "https://*.partner.com", "https://partner.com" };

                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddCors(options =>
                    {
                        options.AddPolicy("statements", policy =>
                        {
                            policy.WithOrigins({|CORS005:Tenants|});
                            policy.AllowAnyMethod();
                        });
                        options.AddPolicy("array", policy => policy.{|CORS005:WithOrigins(Partners)|});
                        options.AddPolicy("collection", policy => policy.WithOrigins([{|CORS005:"https://*.shop.com"|}]));
                        options.AddPolicy("built", new CorsPolicyBuilder({|CORS005:"https://*.built.com"|}).Build());
                        var handBuilt = new CorsPolicy();
                        handBuilt.Origins.Add({|CORS005:"https://*.hand.com"|});
                        options.AddPolicy("hand-built", handBuilt);
                    });
                }

                public void Configure(IApplicationBuilder app) => app.UseCors("array");
            }
            """, version);
    }

    [Fact]
    public async Task Wildcard_origin_from_a_helper_in_another_file()
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
                            public static void Configure(CorsOptions o)
                            {
                                o.AddPolicy("tenants", p => p.AllowTenants().AllowAnyHeader());
                                o.AddPolicy("fixed", p => p.AllowTenants().SetIsOriginAllowedToAllowWildcardSubdomains());
                            }
                        }
                        """),
                    ("Helpers.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;

                        public static class Helpers
                        {
                            public static CorsPolicyBuilder AllowTenants(this CorsPolicyBuilder b) => b.WithOrigins({|CORS005:"https://*.example.com"|});
                        }
                        """),
                },
            },
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task Message_names_the_policy_the_origin_and_a_real_host()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using Microsoft.AspNetCore.Cors.Infrastructure;

                public static class Setup
                {
                    public static void Configure(CorsOptions options)
                    {
                        options.AddPolicy("Tenants", p => p.{|#10:WithOrigins({|#0:"https://*.example.com"|})|});
                        options.AddPolicy("Dead", p => p.WithOrigins("https://example.com").{|#1:SetIsOriginAllowedToAllowWildcardSubdomains()|});
                        options.AddPolicy("Override", p => p.WithOrigins("https://*.example.com").{|#12:SetIsOriginAllowedToAllowWildcardSubdomains()|}.{|#2:SetIsOriginAllowed(o => o == "https://example.com")|});
                        options.AddPolicy("Hand", new CorsPolicy { Origins = { {|#3:"https://*.example.com"|} } });
                    }
                }
                """,
            ExpectedDiagnostics =
            {
                VerifyCS.Diagnostic("CORS005").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(0).WithLocation(10).WithArguments(
                    "CORS policy 'Tenants'",
                    "lists wildcard origin 'https://*.example.com' without SetIsOriginAllowedToAllowWildcardSubdomains(): browsers send real origins such as 'https://app.example.com', which never equal the pattern, so requests from every subdomain are blocked; add .SetIsOriginAllowedToAllowWildcardSubdomains()"),
                VerifyCS.Diagnostic("CORS005").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(1).WithArguments(
                    "CORS policy 'Dead'",
                    "calls SetIsOriginAllowedToAllowWildcardSubdomains() but lists no wildcard origin such as 'https://*.example.com': the call only widens origins of that form, so it does nothing here; remove it, or list the wildcard origin you meant"),
                VerifyCS.Diagnostic("CORS005").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(2).WithLocation(12).WithArguments(
                    "CORS policy 'Override'",
                    "replaces the subdomain check of the earlier SetIsOriginAllowedToAllowWildcardSubdomains() with this predicate: wildcard origins such as 'https://*.example.com' no longer match any subdomain, and only the predicate decides which origins are allowed; keep one of the two"),
                VerifyCS.Diagnostic("CORS005").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(3).WithLocation(3).WithArguments(
                    "This CorsPolicy",
                    "lists wildcard origin 'https://*.example.com' without SetIsOriginAllowedToAllowWildcardSubdomains(): browsers send real origins such as 'https://app.example.com', which never equal the pattern, so requests from every subdomain are blocked; build the policy with CorsPolicyBuilder and call SetIsOriginAllowedToAllowWildcardSubdomains()"),
            },
        };
        await test.RunAsync();
    }

    // ---- (b) dead call and (c) overridden call ----------------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Dead_and_overridden_calls(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("dead", p => p.WithOrigins("https://example.com").{|CORS005:SetIsOriginAllowedToAllowWildcardSubdomains()|});
                options.AddPolicy("dead-statement", p =>
                {
                    p.{|CORS005:SetIsOriginAllowedToAllowWildcardSubdomains()|};
                    p.WithOrigins("https://example.com", "https://www.example.com");
                });
                options.AddPolicy("overridden", p =>
                {
                    p.WithOrigins("https://*.example.com").SetIsOriginAllowedToAllowWildcardSubdomains();
                    p.{|CORS005:SetIsOriginAllowed(origin => origin.EndsWith(".example.com"))|};
                });
            });
            builder.Build().Run();
            """, version, topLevel: true);
    }

    // ---- Silent cases -------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Correct_and_uncertain_policies_are_silent(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.Configuration;

            public static class Setup
            {
                public static void Configure(CorsOptions options, IConfiguration config, bool tenants, Action<CorsPolicyBuilder> extra)
                {
                    options.AddPolicy("chained", p => p.WithOrigins("https://*.example.com").SetIsOriginAllowedToAllowWildcardSubdomains());
                    options.AddPolicy("before", p => p.SetIsOriginAllowedToAllowWildcardSubdomains().WithOrigins("https://*.example.com", "https://example.com"));
                    options.AddPolicy("configured", p => p.WithOrigins(config.GetSection("Cors:Origins").Get<string[]>()!).SetIsOriginAllowedToAllowWildcardSubdomains());
                    options.AddPolicy("configured-scalar", p => p.WithOrigins(config["Cors:Origin"]!).SetIsOriginAllowedToAllowWildcardSubdomains());
                    options.AddPolicy("strict-predicate", p => p.WithOrigins("https://*.example.com").SetIsOriginAllowed(o => new Uri(o).Host == "example.com"));
                    options.AddPolicy("dot-predicate", p => p.SetIsOriginAllowed(o => new Uri(o).Host.EndsWith(".example.com")));
                    options.AddPolicy("escapes", p => { p.WithOrigins("https://*.example.com"); extra(p); });
                    options.AddPolicy("branch", p =>
                    {
                        p.SetIsOriginAllowedToAllowWildcardSubdomains();
                        if (tenants)
                        {
                            p.WithOrigins("https://*.example.com");
                        }
                        else
                        {
                            p.WithOrigins("https://example.com");
                        }
                    });
                    options.AddPolicy("predicate-then-wildcard", p => p
                        .SetIsOriginAllowed(o => o == "https://example.com")
                        .SetIsOriginAllowedToAllowWildcardSubdomains()
                        .WithOrigins("https://*.example.com"));
                    options.AddPolicy("apex-and-port", p => p.WithOrigins("https://example.com:8443", "http://localhost:5000"));
                }
            }
            """, version);
    }

    [Fact]
    public async Task Dead_call_in_a_shared_helper_is_not_judged_by_one_caller()
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
                            public static void Configure(CorsOptions o)
                            {
                                o.AddPolicy("plain", p => p.WithOrigins("https://example.com").WithSubdomains());
                                o.AddPolicy("tenants", p => p.WithOrigins("https://*.example.com").WithSubdomains());
                            }
                        }
                        """),
                    ("Helpers.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;

                        public static class Helpers
                        {
                            public static CorsPolicyBuilder WithSubdomains(this CorsPolicyBuilder b) => b.SetIsOriginAllowedToAllowWildcardSubdomains();
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
            public class CorsPolicyBuilder
            {
                public CorsPolicyBuilder WithOrigins(params string[] origins) => this;
            }

            public static class Setup
            {
                public static void Configure() => new CorsPolicyBuilder().WithOrigins("https://*.example.com");
            }
            """, AspNetCore.None);
    }

    // ---- Fix (a): add the missing call ------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Add_the_call_in_every_shape(AspNetCore version)
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Setup
            {
                private static readonly string[] Tenants = ["https://*.tenant.com"];

                public static void Configure(CorsOptions options)
                {
                    options.AddPolicy("chain", policy => policy
                        .WithOrigins({|CORS005:"https://*.example.com"|}, {|CORS005:"https://*.example.org"|}) // both brands
                        .AllowAnyHeader());
                    options.AddPolicy("statement", policy =>
                    {
                        policy.WithOrigins({|CORS005:"https://*.example.net"|});
                        policy.AllowAnyMethod();
                    });
                    options.AddPolicy("lambda", policy => policy.{|CORS005:WithOrigins(Tenants)|});
                    options.AddPolicy("built", new CorsPolicyBuilder({|CORS005:"https://*.built.com"|}).Build());
                }
            }
            """, """
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Setup
            {
                private static readonly string[] Tenants = ["https://*.tenant.com"];

                public static void Configure(CorsOptions options)
                {
                    options.AddPolicy("chain", policy => policy
                        .WithOrigins("https://*.example.com", "https://*.example.org").SetIsOriginAllowedToAllowWildcardSubdomains() // both brands
                        .AllowAnyHeader());
                    options.AddPolicy("statement", policy =>
                    {
                        policy.WithOrigins("https://*.example.net").SetIsOriginAllowedToAllowWildcardSubdomains();
                        policy.AllowAnyMethod();
                    });
                    options.AddPolicy("lambda", policy => policy.WithOrigins(Tenants).SetIsOriginAllowedToAllowWildcardSubdomains());
                    options.AddPolicy("built", new CorsPolicyBuilder("https://*.built.com").SetIsOriginAllowedToAllowWildcardSubdomains().Build());
                }
            }
            """, AddCall, version);
    }

    [Fact]
    public async Task Add_the_call_is_not_offered_for_a_hand_built_policy_or_an_override()
    {
        const string source = """
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Setup
            {
                public static void Configure(CorsOptions options)
                {
                    options.AddPolicy("hand", new CorsPolicy { Origins = { {|CORS005:"https://*.example.com"|} } });
                    options.AddPolicy("override", p => p.WithOrigins("https://*.example.com").SetIsOriginAllowedToAllowWildcardSubdomains().{|CORS005:SetIsOriginAllowed(o => true)|});
                }
            }
            """;
        await VerifyCS.VerifyCodeFixAsync(source, source, AddCall);
        await VerifyCS.VerifyCodeFixAsync(source, source, RemoveCall);
    }

    // ---- Fix (b): remove the dead call --------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Remove_the_dead_call(AspNetCore version)
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Setup
            {
                public static void Configure(CorsOptions options, IApplicationBuilder app)
                {
                    options.AddPolicy("chain", p => p
                        .WithOrigins("https://example.com")
                        .{|CORS005:SetIsOriginAllowedToAllowWildcardSubdomains()|} // subdomains too
                        .AllowAnyHeader());
                    options.AddPolicy("statement", p =>
                    {
                        p.WithOrigins("https://example.com");
                        p.{|CORS005:SetIsOriginAllowedToAllowWildcardSubdomains()|};
                    });
                    app.UseCors(p => p.{|CORS005:SetIsOriginAllowedToAllowWildcardSubdomains()|});
                }
            }
            """, """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Setup
            {
                public static void Configure(CorsOptions options, IApplicationBuilder app)
                {
                    options.AddPolicy("chain", p => p
                        .WithOrigins("https://example.com") // subdomains too
                        .AllowAnyHeader());
                    options.AddPolicy("statement", p =>
                    {
                        p.WithOrigins("https://example.com");
                    });
                    app.UseCors(p => { });
                }
            }
            """, RemoveCall, version);
    }

    // ---- FixAll across files --------------------------------------------------------------------------------------

    [Theory]
    [InlineData(AddCall)]
    [InlineData(RemoveCall)]
    public async Task FixAll_across_files(string key)
    {
        var add = key == AddCall;
        var test = new VerifyCS.Test
        {
            TestState =
            {
                Sources =
                {
                    ("A.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;

                        public static class A
                        {
                            public static void Configure(CorsOptions o)
                            {
                                o.AddPolicy("a", p => p.WithOrigins({|CORS005:"https://*.a.com"|}));
                                o.AddPolicy("a2", p => p.WithOrigins("https://a.com").{|CORS005:SetIsOriginAllowedToAllowWildcardSubdomains()|});
                            }
                        }
                        """),
                    ("B.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;

                        public static class B
                        {
                            public static void Configure(CorsOptions o)
                            {
                                o.AddPolicy("b", p => p.WithOrigins({|CORS005:"https://*.b.com"|}).AllowAnyMethod());
                                o.AddPolicy("b2", p => p.WithOrigins("https://b.com").{|CORS005:SetIsOriginAllowedToAllowWildcardSubdomains()|}.AllowAnyMethod());
                            }
                        }
                        """),
                },
            },
            CodeActionEquivalenceKey = key,
        };
        test.FixedState.Sources.Add(("A.cs", $$"""
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class A
            {
                public static void Configure(CorsOptions o)
                {
                    o.AddPolicy("a", p => p.WithOrigins({{(add ? "\"https://*.a.com\").SetIsOriginAllowedToAllowWildcardSubdomains()" : "{|CORS005:\"https://*.a.com\"|})")}});
                    o.AddPolicy("a2", p => p.WithOrigins("https://a.com"){{(add ? ".{|CORS005:SetIsOriginAllowedToAllowWildcardSubdomains()|}" : string.Empty)}});
                }
            }
            """));
        test.FixedState.Sources.Add(("B.cs", $$"""
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class B
            {
                public static void Configure(CorsOptions o)
                {
                    o.AddPolicy("b", p => p.WithOrigins({{(add ? "\"https://*.b.com\").SetIsOriginAllowedToAllowWildcardSubdomains()" : "{|CORS005:\"https://*.b.com\"|})")}}.AllowAnyMethod());
                    o.AddPolicy("b2", p => p.WithOrigins("https://b.com"){{(add ? ".{|CORS005:SetIsOriginAllowedToAllowWildcardSubdomains()|}" : string.Empty)}}.AllowAnyMethod());
                }
            }
            """));
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        await test.RunAsync();
    }
}

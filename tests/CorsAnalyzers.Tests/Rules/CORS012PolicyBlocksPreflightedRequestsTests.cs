using CorsAnalyzers.CodeFixes;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.PolicyAnalyzer, CorsAnalyzers.CodeFixes.CORS012PolicyBlocksPreflightedRequestsFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS012PolicyBlocksPreflightedRequestsTests
{
    private const string AddMethods = CORS012PolicyBlocksPreflightedRequestsFixer.AddMethodsKey;
    private const string AddHeaders = CORS012PolicyBlocksPreflightedRequestsFixer.AddHeadersKey;

    public static IEnumerable<object[]> GroupVersions => new[] { AspNetCore.V8, AspNetCore.V9, AspNetCore.V10 }.Select(v => new object[] { v });

    private static DiagnosticResult Methods(int location, string policy, string methods, string requests, string fix, string response = "no Access-Control-Allow-Methods") =>
        VerifyCS.Diagnostic("CORS012").WithSeverity(DiagnosticSeverity.Info).WithLocation(location)
            .WithArguments(policy, methods, requests, response, fix);

    private static DiagnosticResult Headers(int location, string policy, string requests) =>
        VerifyCS.Diagnostic("CORS012").WithSeverity(DiagnosticSeverity.Info).WithLocation(location)
            .WithArguments(policy, "request headers", requests + " with a JSON body", "no Access-Control-Allow-Headers for Content-Type", "WithHeaders(\"Content-Type\")");

    private static Task Verify(string source, AspNetCore version, bool topLevel, params DiagnosticResult[] expected)
    {
        var test = new VerifyCS.Test(version, topLevel) { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    // ---- Positive cases ---------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Global_UseCors_in_minimal_hosting(AspNetCore version)
    {
        await Verify("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
                options.AddPolicy("Frontend", policy => policy.{|#0:WithOrigins("https://app.example.com")|}));
            var app = builder.Build();
            app.UseCors("Frontend");
            app.MapGet("/api/orders", () => "[]");
            app.MapPost("/api/orders", ([FromBody] OrderDto order) => "created");
            app.MapPut("/api/orders/{id}", (int id, OrderDto order) => "updated");
            app.MapDelete("/api/orders/{id}", (int id) => "deleted");
            app.Run();

            public record OrderDto(string Product, int Quantity);
            """,
            version,
            topLevel: true,
            Methods(0, "CORS policy 'Frontend'", "PUT or DELETE", "DELETE /api/orders/{id}, PUT /api/orders/{id}", "WithMethods(\"PUT\", \"DELETE\")"),
            Headers(0, "CORS policy 'Frontend'", "POST /api/orders, PUT /api/orders/{id}"));
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Global_default_policy_with_controllers_in_a_Startup_class(AspNetCore version)
    {
        await Verify("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddControllers();
                    services.AddCors(o => o.AddDefaultPolicy(p =>
                    {
                        p.{|#0:WithOrigins("https://app.example.com")|};
                        p.WithMethods("GET", "POST");
                    }));
                }

                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseCors();
                    app.UseEndpoints(endpoints =>
                    {
                        endpoints.MapControllers();
                        endpoints.MapDelete("/api/cache", () => "purged");
                    });
                }
            }

            public class OrderDto
            {
                public string Product { get; set; } = "";
            }

            [ApiController]
            [Route("api/[controller]")]
            public class OrdersController : ControllerBase
            {
                [HttpGet]
                public string List() => "[]";

                [HttpPut("{id}")]
                public IActionResult Update(int id, OrderDto order) => NoContent();

                [HttpPatch("{id}")]
                public IActionResult Rename(int id, [FromQuery] string name) => NoContent();
            }
            """,
            version,
            topLevel: false,
            Methods(0, "The default CORS policy", "PUT, PATCH or DELETE", "PATCH /api/Orders/{id}, PUT /api/Orders/{id}, DELETE /api/cache", "WithMethods(\"PUT\", \"PATCH\", \"DELETE\")", "an Access-Control-Allow-Methods without PUT, PATCH or DELETE"),
            Headers(0, "The default CORS policy", "PUT /api/Orders/{id}"));
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Endpoint_policies_RequireCors_and_EnableCors(AspNetCore version)
    {
        await Verify("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Cors;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Admin", policy => policy.{|#0:WithOrigins("https://admin.example.com")|}.AllowAnyHeader());
                options.AddPolicy("Partner", policy => policy.{|#1:WithOrigins("https://partner.example.com")|}.AllowAnyHeader());
            });
            var app = builder.Build();
            app.UseCors();
            app.MapMethods("/api/cache", new[] { HttpMethods.Delete }, () => "purged").RequireCors("Admin");
            app.MapPut("/api/settings", () => "saved").WithName("settings").RequireCors("Admin");
            app.MapControllers();
            app.Run();

            [EnableCors("Partner")]
            public class StockController : Controller
            {
                [AcceptVerbs("PUT")]
                [Route("/stock/{sku}")]
                public IActionResult Put(string sku) => Ok();

                [HttpDelete("/stock/{sku}")]
                [DisableCors]
                public IActionResult Delete(string sku) => Ok();
            }
            """,
            version,
            topLevel: true,
            Methods(0, "CORS policy 'Admin'", "PUT or DELETE", "DELETE /api/cache, PUT /api/settings", "WithMethods(\"PUT\", \"DELETE\")"),
            Methods(1, "CORS policy 'Partner'", "PUT", "PUT /stock/{sku}", "WithMethods(\"PUT\")"));
    }

    [Theory]
    [MemberData(nameof(GroupVersions))]
    public async Task Groups_nested_groups_and_MapPatch(AspNetCore version)
    {
        await Verify("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Frontend", policy => policy.{|#0:WithOrigins("https://app.example.com")|}.AllowAnyHeader());
                options.AddPolicy("Admin", policy => policy.{|#1:WithOrigins("https://admin.example.com")|}.WithHeaders("Content-Type"));
            });
            var app = builder.Build();
            app.UseCors();
            var api = app.MapGroup("/api").RequireCors("Frontend");
            api.MapPatch("/orders/{id}", (int id) => "patched");
            var admin = api.MapGroup("/admin");
            admin.RequireCors("Admin");
            admin.MapDelete("/users/{id}", (int id) => "deleted");
            app.Run();
            """,
            version,
            topLevel: true,
            Methods(0, "CORS policy 'Frontend'", "PATCH", "PATCH /api/orders/{id}", "WithMethods(\"PATCH\")"),
            Methods(1, "CORS policy 'Admin'", "DELETE", "DELETE /api/admin/users/{id}", "WithMethods(\"DELETE\")"));
    }

    [Fact]
    public async Task Inline_policies_given_to_UseCors_and_RequireCors()
    {
        await Verify("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            var app = builder.Build();
            app.UseCors(policy => policy.{|#0:WithOrigins("https://app.example.com")|});
            app.MapDelete("/api/orders/{id}", (int id) => "deleted");
            app.MapPut("/api/stock", () => "ok").RequireCors(policy => policy.{|#1:WithOrigins("https://partner.example.com")|}.WithMethods("GET"));
            app.Run();
            """,
            AspNetCore.V10,
            topLevel: true,
            Methods(0, "The CORS policy passed to UseCors", "DELETE", "DELETE /api/orders/{id}", "WithMethods(\"DELETE\")"),
            Methods(1, "The CORS policy passed to RequireCors", "PUT", "PUT /api/stock", "WithMethods(\"PUT\")", "an Access-Control-Allow-Methods without PUT"));
    }

    [Fact]
    public async Task Policy_built_with_a_helper_in_another_file_and_configured_origins()
    {
        var test = new VerifyCS.Test(AspNetCore.V10, topLevel: true)
        {
            TestState =
            {
                Sources =
                {
                    ("Program.cs", """
                        using Microsoft.AspNetCore.Builder;
                        using Microsoft.Extensions.Configuration;
                        using Microsoft.Extensions.DependencyInjection;

                        var builder = WebApplication.CreateBuilder(args);
                        var origins = builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? new string[0];
                        builder.Services.AddCors(o => o.AddPolicy("Frontend", p => p.{|#0:WithOrigins(origins)|}.WithCookies()));
                        var app = builder.Build();
                        app.UseCors("Frontend");
                        app.MapDelete("/api/orders/{id}", (int id) => "deleted");
                        app.Run();
                        """),
                    ("CorsExtensions.cs", """
                        using Microsoft.AspNetCore.Cors.Infrastructure;

                        public static class CorsExtensions
                        {
                            public static CorsPolicyBuilder WithCookies(this CorsPolicyBuilder builder) => builder.AllowCredentials();
                        }
                        """),
                },
            },
        };
        test.ExpectedDiagnostics.Add(Methods(0, "CORS policy 'Frontend'", "DELETE", "DELETE /api/orders/{id}", "WithMethods(\"DELETE\")"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_second_policy_for_one_endpoint_beside_a_global_one()
    {
        await Verify("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options => options.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com").AllowAnyMethod().AllowAnyHeader()));

            // The partner portal updates stock levels from its own origin.
            builder.Services.AddCors(options => options.AddPolicy("Partners", policy => policy
                .{|#0:WithOrigins(builder.Configuration.GetSection("Cors:PartnerOrigins").Get<string[]>() ?? [])|}));

            var app = builder.Build();
            app.UseCors("Frontend");
            app.MapPut("/api/partners/stock/{sku}", (string sku, int quantity) => Results.NoContent())
                .RequireCors("Partners");
            app.Run();
            """,
            AspNetCore.V10,
            topLevel: true,
            Methods(0, "CORS policy 'Partners'", "PUT", "PUT /api/partners/stock/{sku}", "WithMethods(\"PUT\")"));
    }

    [Fact]
    public async Task Long_endpoint_lists_are_cut_and_registered_types_are_not_bodies()
    {
        await Verify("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddScoped<Settings>();
            builder.Services.AddCors(o => o.AddPolicy("Frontend", p => p.{|#0:WithOrigins("https://app.example.com")|}));
            var app = builder.Build();
            app.UseCors("Frontend");
            app.MapDelete("/a", () => "ok");
            app.MapDelete("/b", () => "ok");
            app.MapDelete("/c", () => "ok");
            app.MapDelete("/d", () => "ok");
            app.MapDelete("/e", () => "ok");
            app.MapPost("/settings", (Settings settings) => "ok");
            app.Run();

            public class Settings
            {
                public string Theme { get; set; } = "";
            }
            """,
            AspNetCore.V10,
            topLevel: true,
            Methods(0, "CORS policy 'Frontend'", "DELETE", "DELETE /a, DELETE /b, DELETE /c and 2 more", "WithMethods(\"DELETE\")"));
    }

    // ---- Negative cases ---------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Policies_that_cover_the_endpoints_or_are_not_known_are_silent(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            var methods = builder.Configuration.GetSection("Cors:Methods").Get<string[]>() ?? new string[0];
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Any", p => p.WithOrigins("https://a.example.com").AllowAnyMethod().AllowAnyHeader());
                options.AddPolicy("Exact", p => p.WithOrigins("https://b.example.com").WithMethods("PUT", "DELETE").WithHeaders("content-type"));
                options.AddPolicy("Configured", p => p.WithOrigins("https://c.example.com").WithMethods(methods).WithHeaders(methods));
                options.AddPolicy("NoOrigins", p => p.WithMethods("GET"));
            });
            var app = builder.Build();
            app.UseCors("Any");
            app.MapPut("/a/{id}", (int id, [FromBody] OrderDto order) => "ok");
            app.MapDelete("/b/{id}", (int id) => "ok").RequireCors("Exact");
            app.MapPut("/c/{id}", (int id, OrderDto order) => "ok").RequireCors("Configured");
            app.MapDelete("/d/{id}", (int id) => "ok").RequireCors("NoOrigins");
            app.Run();

            public record OrderDto(string Product);
            """, version, topLevel: true);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Get_and_post_only_apps_disabled_and_replaced_policies_are_silent(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Cors;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com"));
                options.AddPolicy("Open", p => p.WithOrigins("https://partner.example.com").AllowAnyMethod().AllowAnyHeader());
            });
            var app = builder.Build();
            app.UseCors("Frontend");
            app.MapGet("/api/orders", () => "[]");
            app.MapPost("/api/ping", (string name) => "pong");
            app.MapPut("/api/orders/{id}", (int id) => "ok").RequireCors("Open");
            app.MapDelete("/api/orders/{id}", [DisableCors] (int id) => "ok");
            app.MapControllers();
            app.Run();

            [DisableCors]
            public class InternalController : ControllerBase
            {
                [HttpDelete("/internal/{id}")]
                public IActionResult Delete(int id) => Ok();
            }

            public class FormController : Controller
            {
                [HttpPost("/form")]
                public IActionResult Post(Order order) => Ok();
            }

            public class Order
            {
                public string Product { get; set; } = "";
            }
            """, version, topLevel: true);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Uncertain_mappings_are_silent(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Routing;
            using Microsoft.Extensions.DependencyInjection;

            public static class Program
            {
                public static void Main(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    var name = args[0];
                    builder.Services.AddSingleton<OrderService>();
                    builder.Services.AddCors(options =>
                    {
                        options.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com"));
                        options.AddPolicy(name, p => p.WithOrigins("https://other.example.com"));
                    });
                    var app = builder.Build();
                    if (args.Length > 1)
                    {
                        app.UseCors("Frontend");
                    }

                    app.MapPut("/api/orders/{id}", (int id) => "ok");
                    app.MapPost("/api/process", (OrderService service) => service.Run());
                    app.MapOrders();
                    app.Run();
                }

                public static void MapOrders(this IEndpointRouteBuilder endpoints)
                {
                    endpoints.MapDelete("/api/orders/{id}", (int id) => "deleted").RequireCors("Frontend");
                }
            }

            public class OrderService
            {
                public string Status { get; set; } = "";

                public string Run() => "done";
            }
            """, version);
    }

    [Theory]
    [MemberData(nameof(GroupVersions))]
    public async Task Groups_whose_conventions_are_not_certain_are_silent(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Routing;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options => options.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")));
            var app = builder.Build();
            app.UseCors("Frontend");
            var api = app.MapGroup("/api");
            if (args.Length > 0)
            {
                api.RequireCors("Frontend");
            }

            api.MapDelete("/orders/{id}", (int id) => "deleted");
            var admin = app.MapGroup("/admin");
            Secure(admin);
            admin.MapPut("/users/{id}", (int id) => "saved");
            app.MapGroup("/meta").WithMetadata(new object()).MapPatch("/tags/{id}", (int id) => "patched");
            app.Run();

            static void Secure(RouteGroupBuilder group) => group.RequireCors(p => p.AllowAnyOrigin().AllowAnyMethod());
            """, version, topLevel: true);
    }

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task UseCors_after_UseEndpoints_is_not_global(AspNetCore version)
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services) =>
                    services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com")));

                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseEndpoints(endpoints => endpoints.MapPut("/api/orders/{id}", (int id) => "saved"));
                    app.UseCors("Frontend");
                }
            }
            """, version);
    }

    [Fact]
    public async Task Without_AspNetCore_nothing_is_reported()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            public static class App
            {
                public static void MapPut(string route) { }

                public static void Main() => MapPut("/api/orders");
            }
            """, AspNetCore.None);
    }

    // ---- Fixes ------------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(AspNetCoreReferences.AllVersions), MemberType = typeof(AspNetCoreReferences))]
    public async Task Add_WithMethods_on_its_own_line_in_a_chain(AspNetCore version)
    {
        var test = new VerifyCS.Test(version, topLevel: true)
        {
            TestCode = """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.Extensions.DependencyInjection;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors(options =>
                    options.AddPolicy("Frontend", policy => policy
                        .{|CORS012:WithOrigins("https://app.example.com")|} // the SPA
                        .AllowAnyHeader()
                        .AllowCredentials()));
                var app = builder.Build();
                app.UseCors("Frontend");
                app.MapPut("/api/orders/{id}", (int id) => "updated");
                app.MapDelete("/api/orders/{id}", (int id) => "deleted");
                app.Run();
                """,
            FixedCode = """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.Extensions.DependencyInjection;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors(options =>
                    options.AddPolicy("Frontend", policy => policy
                        .WithOrigins("https://app.example.com") // the SPA
                        .WithMethods("PUT", "DELETE")
                        .AllowAnyHeader()
                        .AllowCredentials()));
                var app = builder.Build();
                app.UseCors("Frontend");
                app.MapPut("/api/orders/{id}", (int id) => "updated");
                app.MapDelete("/api/orders/{id}", (int id) => "deleted");
                app.Run();
                """,
            CodeActionEquivalenceKey = AddMethods,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task Add_WithHeaders_in_a_statement()
    {
        var test = new VerifyCS.Test(AspNetCore.V10, topLevel: true)
        {
            TestCode = """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.Extensions.DependencyInjection;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors(options => options.AddDefaultPolicy(policy =>
                {
                    policy.{|CORS012:WithOrigins("https://app.example.com")|};
                }));
                var app = builder.Build();
                app.UseCors();
                app.MapPost("/api/orders", (OrderDto order) => "created");
                app.Run();

                public record OrderDto(string Product);
                """,
            FixedCode = """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.Extensions.DependencyInjection;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors(options => options.AddDefaultPolicy(policy =>
                {
                    policy.WithOrigins("https://app.example.com").WithHeaders("Content-Type");
                }));
                var app = builder.Build();
                app.UseCors();
                app.MapPost("/api/orders", (OrderDto order) => "created");
                app.Run();

                public record OrderDto(string Product);
                """,
            CodeActionEquivalenceKey = AddHeaders,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task FixAll_across_files()
    {
        var test = new VerifyCS.Test(AspNetCore.V10, topLevel: true)
        {
            TestState =
            {
                Sources =
                {
                    ("Program.cs", """
                        using Microsoft.AspNetCore.Builder;
                        using Microsoft.Extensions.DependencyInjection;

                        var builder = WebApplication.CreateBuilder(args);
                        builder.Services.AddCors(o => o.AddPolicy("Frontend", p => p.{|CORS012:WithOrigins("https://app.example.com")|}));
                        builder.Services.AddAdminCors();
                        var app = builder.Build();
                        app.UseCors("Frontend");
                        app.MapPatch("/api/orders/{id}", (int id) => "patched");
                        app.MapDelete("/admin/users/{id}", (int id) => "deleted").RequireCors("Admin");
                        app.Run();
                        """),
                    ("AdminCors.cs", """
                        using Microsoft.Extensions.DependencyInjection;

                        public static class AdminCors
                        {
                            public static void AddAdminCors(this IServiceCollection services) =>
                                services.AddCors(o => o.AddPolicy("Admin", p => p.{|CORS012:WithOrigins("https://admin.example.com")|}.AllowAnyHeader()));
                        }
                        """),
                },
            },
            CodeActionEquivalenceKey = AddMethods,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        test.FixedState.Sources.Add(("Program.cs", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.example.com").WithMethods("PATCH")));
            builder.Services.AddAdminCors();
            var app = builder.Build();
            app.UseCors("Frontend");
            app.MapPatch("/api/orders/{id}", (int id) => "patched");
            app.MapDelete("/admin/users/{id}", (int id) => "deleted").RequireCors("Admin");
            app.Run();
            """));
        test.FixedState.Sources.Add(("AdminCors.cs", """
            using Microsoft.Extensions.DependencyInjection;

            public static class AdminCors
            {
                public static void AddAdminCors(this IServiceCollection services) =>
                    services.AddCors(o => o.AddPolicy("Admin", p => p.WithOrigins("https://admin.example.com").WithMethods("DELETE").AllowAnyHeader()));
            }
            """));
        await test.RunAsync();
    }
}

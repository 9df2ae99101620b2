using System.Text;

namespace CorsAnalyzers.Benchmark;

/// <summary>
/// Writes a deterministic, realistic ASP.NET Core code base: per module a controller, a service, DTOs and a
/// minimal-endpoint module (about 100 lines a file), plus minimal-hosting and Startup-style entry points and CORS
/// configured in several places and shapes. The non-web variant has the same services and models and no ASP.NET Core.
/// </summary>
public static class CodeBaseGenerator
{
    public static IReadOnlyList<(string Path, string Text)> Generate(int files, bool web, bool withMistakes = false)
    {
        var result = new List<(string, string)>();
        var modules = Math.Max(1, files / 4);
        for (var i = 0; i < modules; i++)
        {
            result.Add(($"Models/Module{i}Dto.cs", Models(i, web)));
            result.Add(($"Services/Module{i}Service.cs", Service(i)));
            if (web)
            {
                result.Add(($"Controllers/Module{i}Controller.cs", Controller(i)));
                result.Add(($"Endpoints/Module{i}Endpoints.cs", Endpoints(i)));
            }
            else
            {
                result.Add(($"Reports/Module{i}Report.cs", Report(i)));
                result.Add(($"Jobs/Module{i}Job.cs", Job(i)));
            }
        }

        if (web)
        {
            result.Add(("Program.cs", Program(modules)));
            result.Add(("LegacyStartup.cs", LegacyStartup()));
            result.Add(("CorsSetup.cs", CorsSetup()));
            if (withMistakes)
            {
                result.Add(("Mistakes.cs", Mistakes(modules)));
            }
        }
        else
        {
            result.Add(("Program.cs", "System.Console.WriteLine(\"batch\");\n"));
        }

        return result;
    }

    private static string Models(int i, bool web)
    {
        var s = new StringBuilder();
        s.AppendLine("using System;\nusing System.Collections.Generic;\nusing System.ComponentModel.DataAnnotations;\n");
        s.AppendLine($"namespace Shop.Module{i};\n");
        for (var k = 0; k < 7; k++)
        {
            s.AppendLine($"public sealed record Item{k}Dto(");
            s.AppendLine("    [property: Required] string Name,");
            s.AppendLine("    [property: Range(0, 10000)] decimal Price,");
            s.AppendLine("    int Quantity,");
            s.AppendLine("    DateTimeOffset CreatedAt,");
            s.AppendLine("    IReadOnlyList<string> Tags)");
            s.AppendLine("{");
            s.AppendLine($"    public decimal Total => Price * Quantity;");
            s.AppendLine($"    public bool IsExpensive => Price > {100 + i % 50 + k};");
            s.AppendLine("    public string Describe() => $\"{Name} x{Quantity} = {Total:0.00}\";");
            s.AppendLine("}\n");
        }

        s.AppendLine($"public enum Module{i}Status {{ Draft, Active, Archived, Deleted }}\n");
        s.AppendLine($"public sealed class Module{i}Entity");
        s.AppendLine("{");
        s.AppendLine("    public Guid Id { get; init; } = Guid.NewGuid();");
        s.AppendLine("    public string Name { get; set; } = string.Empty;");
        s.AppendLine("    public decimal Price { get; set; }");
        s.AppendLine("    public int Quantity { get; set; }");
        s.AppendLine($"    public Module{i}Status Status {{ get; set; }}");
        s.AppendLine("    public List<string> Tags { get; } = new();");
        s.AppendLine("    public Item0Dto ToDto() => new(Name, Price, Quantity, DateTimeOffset.UnixEpoch, Tags);");
        s.AppendLine("}");
        return s.ToString();
    }

    private static string Service(int i)
    {
        var s = new StringBuilder();
        s.AppendLine("using System;\nusing System.Collections.Concurrent;\nusing System.Collections.Generic;\nusing System.Linq;\nusing System.Threading;\nusing System.Threading.Tasks;\n");
        s.AppendLine($"namespace Shop.Module{i};\n");
        s.AppendLine($"public interface IModule{i}Service");
        s.AppendLine("{");
        s.AppendLine($"    Task<IReadOnlyList<Module{i}Entity>> ListAsync(int skip, int take, CancellationToken ct);");
        s.AppendLine($"    Task<Module{i}Entity?> FindAsync(Guid id, CancellationToken ct);");
        s.AppendLine($"    Task<Module{i}Entity> CreateAsync(Item0Dto dto, CancellationToken ct);");
        s.AppendLine($"    Task<bool> UpdateAsync(Guid id, Item0Dto dto, CancellationToken ct);");
        s.AppendLine("    Task<bool> DeleteAsync(Guid id, CancellationToken ct);");
        s.AppendLine("    decimal Revenue();");
        s.AppendLine("}\n");
        s.AppendLine($"public sealed class Module{i}Service : IModule{i}Service");
        s.AppendLine("{");
        s.AppendLine($"    private readonly ConcurrentDictionary<Guid, Module{i}Entity> _items = new();\n");
        s.AppendLine($"    public Task<IReadOnlyList<Module{i}Entity>> ListAsync(int skip, int take, CancellationToken ct)");
        s.AppendLine("    {");
        s.AppendLine("        ct.ThrowIfCancellationRequested();");
        s.AppendLine($"        IReadOnlyList<Module{i}Entity> page = _items.Values.Where(e => e.Status != Module{i}Status.Deleted)");
        s.AppendLine("            .OrderBy(e => e.Name, StringComparer.Ordinal).Skip(skip).Take(take).ToList();");
        s.AppendLine("        return Task.FromResult(page);");
        s.AppendLine("    }\n");
        s.AppendLine($"    public Task<Module{i}Entity?> FindAsync(Guid id, CancellationToken ct) =>");
        s.AppendLine("        Task.FromResult(_items.TryGetValue(id, out var e) ? e : null);\n");
        s.AppendLine($"    public Task<Module{i}Entity> CreateAsync(Item0Dto dto, CancellationToken ct)");
        s.AppendLine("    {");
        s.AppendLine($"        var entity = new Module{i}Entity {{ Name = dto.Name, Price = dto.Price, Quantity = dto.Quantity }};");
        s.AppendLine("        entity.Tags.AddRange(dto.Tags);");
        s.AppendLine("        _items[entity.Id] = entity;");
        s.AppendLine("        return Task.FromResult(entity);");
        s.AppendLine("    }\n");
        s.AppendLine("    public Task<bool> UpdateAsync(Guid id, Item0Dto dto, CancellationToken ct)");
        s.AppendLine("    {");
        s.AppendLine("        if (!_items.TryGetValue(id, out var entity))");
        s.AppendLine("        {");
        s.AppendLine("            return Task.FromResult(false);");
        s.AppendLine("        }\n");
        s.AppendLine("        entity.Name = dto.Name;");
        s.AppendLine("        entity.Price = dto.Price;");
        s.AppendLine("        entity.Quantity = dto.Quantity;");
        s.AppendLine("        return Task.FromResult(true);");
        s.AppendLine("    }\n");
        s.AppendLine("    public Task<bool> DeleteAsync(Guid id, CancellationToken ct)");
        s.AppendLine("    {");
        s.AppendLine("        if (_items.TryGetValue(id, out var entity))");
        s.AppendLine("        {");
        s.AppendLine($"            entity.Status = Module{i}Status.Deleted;");
        s.AppendLine("            return Task.FromResult(true);");
        s.AppendLine("        }\n");
        s.AppendLine("        return Task.FromResult(false);");
        s.AppendLine("    }\n");
        for (var q = 0; q < 4; q++)
        {
            s.AppendLine($"    public IReadOnlyList<Module{i}Entity> Query{q}(string? search, decimal minPrice)");
            s.AppendLine("    {");
            s.AppendLine("        var query = _items.Values.AsEnumerable();");
            s.AppendLine("        if (!string.IsNullOrWhiteSpace(search))");
            s.AppendLine("        {");
            s.AppendLine("            query = query.Where(e => e.Name.Contains(search, StringComparison.OrdinalIgnoreCase));");
            s.AppendLine("        }\n");
            s.AppendLine($"        return query.Where(e => e.Price >= minPrice + {q}).OrderByDescending(e => e.Quantity).Take({10 + q}).ToList();");
            s.AppendLine("    }\n");
        }

        s.AppendLine("    public decimal Revenue()");
        s.AppendLine("    {");
        s.AppendLine("        decimal total = 0;");
        s.AppendLine("        foreach (var entity in _items.Values)");
        s.AppendLine("        {");
        s.AppendLine("            switch (entity.Status)");
        s.AppendLine("            {");
        s.AppendLine($"                case Module{i}Status.Active: total += entity.Price * entity.Quantity; break;");
        s.AppendLine($"                case Module{i}Status.Archived: total += entity.Price * entity.Quantity / 2; break;");
        s.AppendLine("                default: break;");
        s.AppendLine("            }");
        s.AppendLine("        }\n");
        s.AppendLine("        return total;");
        s.AppendLine("    }");
        s.AppendLine("}");
        return s.ToString();
    }

    private static string Controller(int i)
    {
        var s = new StringBuilder();
        s.AppendLine("using System;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing Microsoft.AspNetCore.Authorization;\nusing Microsoft.AspNetCore.Cors;\nusing Microsoft.AspNetCore.Mvc;\n");
        s.AppendLine($"namespace Shop.Module{i};\n");
        s.AppendLine("[ApiController]");
        s.AppendLine($"[Route(\"api/module{i}\")]");
        if (i % 3 == 0)
        {
            s.AppendLine("[EnableCors(\"Frontend\")]");
        }

        s.AppendLine($"public sealed class Module{i}Controller : ControllerBase");
        s.AppendLine("{");
        s.AppendLine($"    private readonly IModule{i}Service _service;\n");
        s.AppendLine($"    public Module{i}Controller(IModule{i}Service service) => _service = service;\n");
        s.AppendLine("    [HttpGet]");
        s.AppendLine("    public async Task<IActionResult> List([FromQuery] int skip = 0, [FromQuery] int take = 20, CancellationToken ct = default)");
        s.AppendLine("    {");
        s.AppendLine("        if (take is < 1 or > 100)");
        s.AppendLine("        {");
        s.AppendLine("            return BadRequest(\"take must be between 1 and 100\");");
        s.AppendLine("        }\n");
        s.AppendLine("        return Ok(await _service.ListAsync(skip, take, ct));");
        s.AppendLine("    }\n");
        s.AppendLine("    [HttpGet(\"{id:guid}\")]");
        s.AppendLine("    public async Task<IActionResult> Get(Guid id, CancellationToken ct)");
        s.AppendLine("    {");
        s.AppendLine("        var entity = await _service.FindAsync(id, ct);");
        s.AppendLine("        return entity is null ? NotFound() : Ok(entity.ToDto());");
        s.AppendLine("    }\n");
        s.AppendLine("    [HttpPost]");
        s.AppendLine("    [Authorize]");
        s.AppendLine("    public async Task<IActionResult> Create([FromBody] Item0Dto dto, CancellationToken ct)");
        s.AppendLine("    {");
        s.AppendLine("        var entity = await _service.CreateAsync(dto, ct);");
        s.AppendLine("        return CreatedAtAction(nameof(Get), new { id = entity.Id }, entity.ToDto());");
        s.AppendLine("    }\n");
        s.AppendLine("    [HttpPut(\"{id:guid}\")]");
        s.AppendLine("    [Authorize(Roles = \"admin\")]");
        s.AppendLine("    public async Task<IActionResult> Update(Guid id, [FromBody] Item0Dto dto, CancellationToken ct) =>");
        s.AppendLine("        await _service.UpdateAsync(id, dto, ct) ? NoContent() : NotFound();\n");
        s.AppendLine("    [HttpDelete(\"{id:guid}\")]");
        s.AppendLine("    [Authorize(Roles = \"admin\")]");
        if (i % 7 == 0)
        {
            s.AppendLine("    [DisableCors]");
        }

        s.AppendLine("    public async Task<IActionResult> Delete(Guid id, CancellationToken ct) =>");
        s.AppendLine("        await _service.DeleteAsync(id, ct) ? NoContent() : NotFound();\n");
        for (var q = 0; q < 4; q++)
        {
            s.AppendLine($"    [HttpGet(\"query{q}\")]");
            s.AppendLine($"    public IActionResult Query{q}([FromQuery] string? search, [FromQuery] decimal minPrice = 0)");
            s.AppendLine("    {");
            s.AppendLine("        if (minPrice < 0)");
            s.AppendLine("        {");
            s.AppendLine("            return ValidationProblem(\"minPrice must not be negative\");");
            s.AppendLine("        }\n");
            s.AppendLine($"        return Ok(((Module{i}Service)_service).Query{q}(search, minPrice));");
            s.AppendLine("    }\n");
        }

        s.AppendLine("    [HttpGet(\"revenue\")]");
        s.AppendLine("    public IActionResult Revenue() => Ok(new { total = _service.Revenue(), module = " + i + " });");
        s.AppendLine("}");
        return s.ToString();
    }

    private static string Endpoints(int i)
    {
        var s = new StringBuilder();
        s.AppendLine("using System;\nusing System.Threading;\nusing Microsoft.AspNetCore.Builder;\nusing Microsoft.AspNetCore.Http;\nusing Microsoft.AspNetCore.Routing;\nusing Microsoft.AspNetCore.Cors.Infrastructure;\nusing Microsoft.Extensions.DependencyInjection;\n");
        s.AppendLine($"namespace Shop.Module{i};\n");
        s.AppendLine($"public static class Module{i}Endpoints");
        s.AppendLine("{");
        s.AppendLine($"    public static IServiceCollection AddModule{i}(this IServiceCollection services) =>");
        s.AppendLine($"        services.AddSingleton<IModule{i}Service, Module{i}Service>();\n");
        s.AppendLine($"    public static RouteGroupBuilder MapModule{i}(this IEndpointRouteBuilder endpoints)");
        s.AppendLine("    {");
        s.AppendLine($"        var group = endpoints.MapGroup(\"/minimal/module{i}\");");
        s.AppendLine($"        group.MapGet(\"/\", async (IModule{i}Service service, CancellationToken ct) => Results.Ok(await service.ListAsync(0, 20, ct)));");
        s.AppendLine($"        group.MapGet(\"/{{id:guid}}\", async (Guid id, IModule{i}Service service, CancellationToken ct) =>");
        s.AppendLine("            await service.FindAsync(id, ct) is { } e ? Results.Ok(e.ToDto()) : Results.NotFound());");
        s.AppendLine($"        group.MapPost(\"/\", async (Item0Dto dto, IModule{i}Service service, CancellationToken ct) =>");
        s.AppendLine("        {");
        s.AppendLine("            var entity = await service.CreateAsync(dto, ct);");
        s.AppendLine($"            return Results.Created($\"/minimal/module{i}/{{entity.Id}}\", entity.ToDto());");
        s.AppendLine("        }).RequireAuthorization();");
        s.AppendLine($"        group.MapDelete(\"/{{id:guid}}\", async (Guid id, IModule{i}Service service, CancellationToken ct) =>");
        s.AppendLine("            await service.DeleteAsync(id, ct) ? Results.NoContent() : Results.NotFound());");
        if (i % 5 == 0)
        {
            s.AppendLine("        group.RequireCors(\"Frontend\");");
        }

        if (i % 11 == 0)
        {
            s.AppendLine($"        group.MapGet(\"/public\", () => \"module {i}\").RequireCors(policy => policy.WithOrigins(\"https://partner{i}.example.com\").WithMethods(\"GET\"));");
        }

        for (var q = 0; q < 4; q++)
        {
            s.AppendLine($"        group.MapGet(\"/query{q}\", (string? search, decimal? minPrice, IModule{i}Service service) =>");
            s.AppendLine("        {");
            s.AppendLine($"            var items = ((Module{i}Service)service).Query{q}(search, minPrice ?? 0);");
            s.AppendLine("            return items.Count == 0 ? Results.NoContent() : Results.Ok(items);");
            s.AppendLine("        });");
        }

        s.AppendLine("        return group;");
        s.AppendLine("    }\n");
        s.AppendLine($"    public static CorsPolicy Module{i}Policy() => new CorsPolicyBuilder(\"https://module{i}.example.com\")");
        s.AppendLine("        .WithMethods(\"GET\", \"POST\")");
        s.AppendLine("        .WithHeaders(\"Content-Type\", \"Authorization\")");
        s.AppendLine("        .SetPreflightMaxAge(TimeSpan.FromMinutes(10))");
        s.AppendLine("        .Build();");
        s.AppendLine("}");
        return s.ToString();
    }

    private static string Report(int i) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;

        namespace Shop.Module{{i}};

        public static class Module{{i}}Report
        {
            public static IEnumerable<string> Lines(IEnumerable<Module{{i}}Entity> entities)
            {
                foreach (var group in entities.GroupBy(e => e.Status))
                {
                    yield return $"{group.Key}: {group.Count()} items, {group.Sum(e => e.Price * e.Quantity):0.00}";
                    foreach (var entity in group.OrderByDescending(e => e.Price).Take(5))
                    {
                        yield return $"  {entity.Name} {entity.Price:0.00} x{entity.Quantity}";
                    }
                }
            }

            public static string Summary(IReadOnlyCollection<Module{{i}}Entity> entities) =>
                entities.Count == 0 ? "empty" : string.Join(Environment.NewLine, Lines(entities));
        }
        """;

    private static string Job(int i) => $$"""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Shop.Module{{i}};

        public sealed class Module{{i}}Job
        {
            private readonly IModule{{i}}Service _service;

            public Module{{i}}Job(IModule{{i}}Service service) => _service = service;

            public async Task<int> RunAsync(CancellationToken ct)
            {
                var archived = 0;
                foreach (var entity in await _service.ListAsync(0, 1000, ct))
                {
                    if (entity.Quantity == 0 && entity.Status == Module{{i}}Status.Active)
                    {
                        entity.Status = Module{{i}}Status.Archived;
                        archived++;
                    }
                }

                return archived;
            }
        }
        """;

    private static string Program(int modules)
    {
        var s = new StringBuilder();
        s.AppendLine("using Microsoft.AspNetCore.Builder;\nusing Microsoft.Extensions.DependencyInjection;\nusing Microsoft.Extensions.Hosting;\nusing Shop;");
        for (var i = 0; i < modules; i++)
        {
            s.AppendLine($"using Shop.Module{i};");
        }

        s.AppendLine("\nvar builder = WebApplication.CreateBuilder(args);");
        s.AppendLine("builder.Services.AddControllers();");
        s.AppendLine("builder.Services.AddAuthentication();");
        s.AppendLine("builder.Services.AddAuthorization();");
        s.AppendLine("builder.Services.AddShopCors(builder.Configuration);");
        for (var i = 0; i < modules; i++)
        {
            s.AppendLine($"builder.Services.AddModule{i}();");
        }

        s.AppendLine("var app = builder.Build();");
        s.AppendLine("if (app.Environment.IsDevelopment())\n{\n    app.UseCors(policy => policy.AllowAnyOrigin().AllowAnyHeader());\n}\nelse\n{\n    app.UseCors(\"Frontend\");\n}");
        s.AppendLine("app.UseAuthentication();\napp.UseAuthorization();\napp.MapControllers();");
        for (var i = 0; i < modules; i++)
        {
            s.AppendLine($"app.MapModule{i}();");
        }

        s.AppendLine("app.Run();");
        return s.ToString();
    }

    /// <summary>CORS mistakes spread over many policies, for tests that compare diagnostics between runs.</summary>
    private static string Mistakes(int modules)
    {
        var s = new StringBuilder();
        s.AppendLine("using Microsoft.AspNetCore.Cors.Infrastructure;\n\nnamespace Shop;\n\npublic static class Mistakes\n{");
        for (var i = 0; i < Math.Min(modules, 50); i++)
        {
            s.AppendLine($"    public static void Policy{i}(CorsOptions options)");
            s.AppendLine("    {");
            s.AppendLine($"        options.AddPolicy(\"open{i}\", p => p.AllowAnyOrigin().AllowCredentials());");
            s.AppendLine($"        options.AddPolicy(\"helper{i}\", p => p.WithOrigins(\"*\").WithCookies());");
            s.AppendLine($"        options.AddPolicy(\"fine{i}\", p => p.WithOrigins(\"https://m{i}.example.com\").AllowCredentials());");
            s.AppendLine("    }\n");
        }

        s.AppendLine("    public static CorsPolicyBuilder WithCookies(this CorsPolicyBuilder b) => b.AllowCredentials();");
        s.AppendLine("}");
        return s.ToString();
    }

    private static string LegacyStartup() => """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;

        namespace Shop;

        public sealed class LegacyStartup
        {
            public LegacyStartup(IConfiguration configuration) => Configuration = configuration;

            public IConfiguration Configuration { get; }

            public void ConfigureServices(IServiceCollection services)
            {
                services.AddCors(options =>
                {
                    options.AddDefaultPolicy(policy =>
                    {
                        policy.WithOrigins(Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? new string[0]);
                        policy.AllowAnyHeader();
                        policy.AllowCredentials();
                    });
                });
                services.AddControllers();
            }

            public void Configure(IApplicationBuilder app)
            {
                app.UseRouting();
                app.UseCors();
                app.UseAuthentication();
                app.UseAuthorization();
                app.UseEndpoints(endpoints => endpoints.MapControllers());
            }
        }
        """;

    private static string CorsSetup() => """
        using System;
        using Microsoft.AspNetCore.Cors.Infrastructure;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;

        namespace Shop;

        public static class CorsSetup
        {
            public const string Frontend = "Frontend";
            private static readonly string[] PartnerOrigins = { "https://partner.example.com", "https://reports.example.com" };

            public static IServiceCollection AddShopCors(this IServiceCollection services, IConfiguration configuration) =>
                services.AddCors(options =>
                {
                    options.AddPolicy(Frontend, policy => policy
                        .WithOrigins(configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? Array.Empty<string>())
                        .WithMethods("GET", "POST", "PUT", "DELETE")
                        .WithHeaders("Content-Type", "Authorization")
                        .AllowCredentials());
                    options.AddPolicy("Partners", policy => policy.WithOrigins(PartnerOrigins).WithMethods("GET").ApplyDefaults());
                    options.AddPolicy("Public", new CorsPolicy { Origins = { "https://www.example.com" }, Methods = { "GET" } });
                });

            public static CorsPolicyBuilder ApplyDefaults(this CorsPolicyBuilder policy) =>
                policy.SetPreflightMaxAge(TimeSpan.FromMinutes(30)).WithExposedHeaders("X-Total-Count");
        }
        """;
}

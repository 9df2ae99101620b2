var builder = WebApplication.CreateBuilder(args);

// CORS108: the policy is defined, but nothing applies it: no UseCors, no RequireCors, no [EnableCors].
builder.Services.AddCors(options => options.AddPolicy("Reports", policy => policy.WithOrigins("https://reports.example.com")));
var app = builder.Build();

app.MapGet("/api/reports", () => new[] { "2026-Q3", "2026-Q4" });

app.Run();

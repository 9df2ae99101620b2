var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCors(options => options.AddPolicy("Widgets", policy => policy.WithOrigins("https://widgets.example.com")));
var app = builder.Build();

// CORS105: the endpoint asks for CORS, but the pipeline has no UseCors.
app.MapGet("/api/widgets", () => new[] { "gauge", "chart" }).RequireCors("Widgets");

app.Run();

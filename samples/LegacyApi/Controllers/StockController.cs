using Microsoft.AspNetCore.Cors;
using Microsoft.AspNetCore.Mvc;

namespace LegacyApi.Controllers;

[ApiController]
[Route("api/stock")]
public sealed class StockController : ControllerBase
{
    private static readonly Dictionary<string, int> Levels = new() { ["SKU-1"] = 12, ["SKU-2"] = 0 };

    [HttpGet]
    public IReadOnlyDictionary<string, int> GetAll() => Levels;

    [HttpPut("{sku}")]
    public IActionResult Set(string sku, [FromQuery] int quantity)
    {
        Levels[sku] = quantity;
        return NoContent();
    }

    // CORS110: MapControllers().RequireCors("Inventory") is added later and wins, so this opt-out does nothing.
    [HttpDelete("{sku}")]
    [DisableCors]
    public IActionResult Delete(string sku) => Levels.Remove(sku) ? NoContent() : NotFound();
}

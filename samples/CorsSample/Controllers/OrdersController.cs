using CorsSample.Models;
using CorsSample.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CorsSample.Controllers;

[ApiController]
[Route("api/orders")]
public sealed class OrdersController(IOrderStore orders, ICatalog catalog) : ControllerBase
{
    [HttpGet]
    public ActionResult<IReadOnlyList<Order>> GetAll() => Ok(orders.All());

    [HttpGet("{id:int}")]
    public ActionResult<Order> Get(int id) => orders.Find(id) is { } order ? order : NotFound();

    [HttpPost]
    [Authorize]
    public ActionResult<Order> Create(CreateOrderRequest request)
    {
        var lines = new List<OrderLine>();
        foreach (var line in request.Lines)
        {
            if (catalog.Find(line.ProductId) is not { } product)
            {
                ModelState.AddModelError(nameof(line.ProductId), $"Unknown product {line.ProductId}.");
                return ValidationProblem(ModelState);
            }

            lines.Add(new OrderLine(product.Id, line.Quantity, product.Price));
        }

        var order = orders.Add(request.Customer, lines);
        return CreatedAtAction(nameof(Get), new { id = order.Id }, order);
    }

    [HttpPut("{id:int}/status")]
    [Authorize(Policy = "OrdersAdmin")]
    public ActionResult<Order> UpdateStatus(int id, UpdateOrderStatusRequest request) =>
        orders.UpdateStatus(id, request.Status!.Value) is { } order ? order : NotFound();

    [HttpDelete("{id:int}")]
    [Authorize(Policy = "OrdersAdmin")]
    public IActionResult Delete(int id) => orders.Remove(id) ? NoContent() : NotFound();
}

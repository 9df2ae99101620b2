using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace CorsSample.Models;

[JsonConverter(typeof(JsonStringEnumConverter<OrderStatus>))]
public enum OrderStatus
{
    Pending,
    Paid,
    Shipped,
    Cancelled,
}

public sealed record OrderLine(int ProductId, int Quantity, decimal UnitPrice);

public sealed record Order(int Id, string Customer, IReadOnlyList<OrderLine> Lines, OrderStatus Status, DateTimeOffset CreatedAt)
{
    public decimal Total => Lines.Sum(line => line.Quantity * line.UnitPrice);
}

public sealed class OrderLineRequest
{
    [Range(1, int.MaxValue)]
    public int ProductId { get; set; }

    [Range(1, 1000)]
    public int Quantity { get; set; }
}

public sealed class CreateOrderRequest
{
    [Required]
    [StringLength(100, MinimumLength = 1)]
    public string Customer { get; set; } = "";

    [Required]
    [MinLength(1)]
    public List<OrderLineRequest> Lines { get; set; } = [];
}

public sealed class UpdateOrderStatusRequest
{
    [Required]
    public OrderStatus? Status { get; set; }
}

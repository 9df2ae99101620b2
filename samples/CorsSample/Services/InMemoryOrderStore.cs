using System.Collections.Concurrent;
using System.Threading;
using CorsSample.Models;

namespace CorsSample.Services;

public interface IOrderStore
{
    IReadOnlyList<Order> All();

    Order? Find(int id);

    Order Add(string customer, IReadOnlyList<OrderLine> lines);

    Order? UpdateStatus(int id, OrderStatus status);

    bool Remove(int id);
}

public sealed class InMemoryOrderStore : IOrderStore
{
    private readonly ConcurrentDictionary<int, Order> _orders = new();
    private int _lastId;

    public IReadOnlyList<Order> All() => _orders.Values.OrderBy(order => order.Id).ToList();

    public Order? Find(int id) => _orders.TryGetValue(id, out var order) ? order : null;

    public Order Add(string customer, IReadOnlyList<OrderLine> lines)
    {
        var order = new Order(Interlocked.Increment(ref _lastId), customer, lines, OrderStatus.Pending, DateTimeOffset.UtcNow);
        _orders[order.Id] = order;
        return order;
    }

    public Order? UpdateStatus(int id, OrderStatus status)
    {
        while (_orders.TryGetValue(id, out var current))
        {
            var updated = current with { Status = status };
            if (_orders.TryUpdate(id, updated, current))
            {
                return updated;
            }
        }

        return null;
    }

    public bool Remove(int id) => _orders.TryRemove(id, out _);
}

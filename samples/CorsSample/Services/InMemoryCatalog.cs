using CorsSample.Models;

namespace CorsSample.Services;

public interface ICatalog
{
    IReadOnlyList<Product> All();

    Product? Find(int id);
}

public sealed class InMemoryCatalog : ICatalog
{
    private static readonly Product[] Products =
    [
        new(1, "Espresso beans, 1 kg", 24.90m),
        new(2, "Filter papers, 100 pcs", 4.50m),
        new(3, "Hand grinder", 59.00m),
    ];

    public IReadOnlyList<Product> All() => Products;

    public Product? Find(int id) => Array.Find(Products, product => product.Id == id);
}

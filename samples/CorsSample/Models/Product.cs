namespace CorsSample.Models;

public sealed record Product(int Id, string Name, decimal Price);
